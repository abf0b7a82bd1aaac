package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.fake.FakeSyncServer;
import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.key.DeviceKeyStore;
import cn.citygrid.sync.client.key.PinKdf;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashSafetyTest}: unlocks the device key and captures and syncs in an endless loop,
 * printing {@code C <recordId>} after each capture returned (so after its commit) and {@code S <outcome>} after
 * each sync. The parent kills it with SIGKILL at random moments.
 * Args: db file, server base URI, log key name, log key SPKI hex, PIN.
 */
public final class CrashLoopMain {
    static final PinKdf FAST_KDF = new PinKdf(1024, 1, 1);

    private CrashLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalStore store = LocalStore.open(Path.of(args[0]))) {
            DeviceKey key = new DeviceKeyStore(store, FAST_KDF).unlock(args[4].toCharArray());
            NoteVerifier log = new NoteVerifier(args[2], Sm2PublicKey.fromSpki(Hex.decode(args[3])));
            SyncEngine engine = SyncEngine.builder(store, key, SyncConfig.of(URI.create(args[1]), log).withBatchSize(4),
                    TokenSource.fixed(FakeSyncServer.TOKEN)).build();
            Path photos = Files.createDirectories(Path.of(args[0]).resolveSibling("camera"));
            Random random = new Random();
            for (int i = 0; ; i++) {
                List<Path> files = List.of();
                if (random.nextInt(4) == 0) {
                    byte[] photo = new byte[2_000 + random.nextInt(20_000)];
                    random.nextBytes(photo);
                    files = List.of(Files.write(photos.resolve("p" + System.nanoTime() + ".jpg"), photo));
                }
                String id = engine.capture(TestPhone.VISIT, TestPhone.visit(random.nextInt(1_000_000)), files);
                System.out.println("C " + id);
                System.out.flush();
                if (random.nextInt(3) == 0) {
                    System.out.println("S " + engine.syncNow().outcome());
                    System.out.flush();
                }
            }
        }
    }
}
