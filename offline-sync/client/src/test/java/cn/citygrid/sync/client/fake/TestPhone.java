package cn.citygrid.sync.client.fake;

import cn.citygrid.sync.client.engine.SyncConfig;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.retry.Backoff;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.record.FormRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** A phone (store + enrolled device key + engine with a test clock) and the double it syncs with. */
public final class TestPhone implements AutoCloseable {
    public static final FormRef VISIT = new FormRef("household-visit", "2026112701");
    public final Path dir;
    public final FakeSyncServer server;
    public final LocalStore store;
    public final DeviceKey key;
    public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    public final SyncEngine engine;

    private TestPhone(Path dir, FakeSyncServer server, UnaryOperator<SyncConfig> tune, TokenSource tokens) {
        this.dir = dir;
        this.server = server;
        this.store = LocalStore.open(dir.resolve("phone.db"));
        this.key = new DeviceKey("dev-test-0001", Sm2.generateKeyPair().privateKey());
        server.ledger.enroll(key.deviceId(), key.publicKey());
        SyncConfig config = tune.apply(SyncConfig.of(server.baseUri(), server.ledger.logKey())
                .withBackoff(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(15))));
        this.engine = SyncEngine.builder(store, key, config, tokens).clock(clock).random(new SplittableRandom(7)).build();
    }

    public static TestPhone start(Path dir) throws IOException {
        return start(dir, Duration.ZERO, c -> c);
    }

    public static TestPhone start(Path dir, Duration serverClockOffset, UnaryOperator<SyncConfig> tune) throws IOException {
        return new TestPhone(dir, new FakeSyncServer(serverClockOffset), tune, TokenSource.fixed(FakeSyncServer.TOKEN));
    }

    public static TestPhone withTokens(Path dir, TokenSource tokens) throws IOException {
        return new TestPhone(dir, new FakeSyncServer(Duration.ZERO), c -> c, tokens);
    }

    /** A typical household-visit payload. */
    public static Map<String, Object> visit(int n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("houseId", "H-" + (1000 + n));
        p.put("residents", BigDecimal.valueOf(2 + n % 4));
        p.put("note", "门牌核对 #" + n);
        return p;
    }

    public String captureVisit(int n) {
        return engine.capture(VISIT, visit(n), java.util.List.of());
    }

    @Override
    public void close() {
        store.close();
        server.close();
    }
}
