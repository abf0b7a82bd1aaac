package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.FakeLedger;
import cn.citygrid.sync.client.fake.FakeSyncServer;
import cn.citygrid.sync.client.fake.MutableClock;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.key.DeviceKeyStore;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that captures and syncs in a loop (SIGKILL, at random moments) many times over one SQLite file
 * and one server — some of them from inside the server, right after it stored a batch and before it answered —
 * then checks: every record the child reported captured is in the outbox (nothing lost), after a
 * final sync every outbox record is stored by the server exactly once (nothing duplicated, however often it was
 * re-sent), every receipt verifies, and every attachment a record names is on disk with its SM3.
 */
class CrashSafetyTest {
    private static final int ROUNDS = 14;
    private static final String PIN = "135790";

    @TempDir
    Path dir;
    private volatile Process current;

    @Test
    void killingTheProcessAtRandomMoments_losesNoRecordAndDuplicatesNone() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path db = dir.resolve("phone.db");
        try (FakeSyncServer server = new FakeSyncServer(Duration.ZERO)) {
            DeviceKey key;
            try (LocalStore store = LocalStore.open(db)) {
                key = new DeviceKeyStore(store, CrashLoopMain.FAST_KDF).create("dev-crash-01", PIN.toCharArray());
            }
            server.ledger.enroll(key.deviceId(), key.publicKey());
            // Some kills land exactly between the server's commit and the phone's: the hardest moment for exactly-once.
            server.afterStore = () -> {
                Process child = current;
                if (child != null && random.nextInt(4) == 0) {
                    child.toHandle().destroyForcibly();
                }
            };
            Set<String> reported = new LinkedHashSet<>();
            int syncs = 0;
            for (int round = 0; round < ROUNDS; round++) {
                syncs += runAndKill(db, server, 1 + random.nextInt(40), reported);
            }
            int resentBeforeFinal = server.ledger.totalArrivals() - server.ledger.size();
            checkAfterFinalSync(db, server, key, reported);
            System.out.printf("MEASURE crash-safety: seed %d, %d kills, %d records reported captured, %d syncs by the child; "
                    + "%d uploads for %d stored records (%d re-sends of records the server already held before the final "
                    + "sync)%n", seed, ROUNDS, reported.size(), syncs, server.ledger.totalArrivals(), server.ledger.size(),
                    resentBeforeFinal);
        }
    }

    /** Starts the child, reads {@code killAfter} lines, kills it, drains what it had printed; returns syncs seen. */
    private int runAndKill(Path db, FakeSyncServer server, int killAfter, Set<String> reported) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashLoopMain.class.getName(), db.toString(),
                server.baseUri().toString(), FakeLedger.LOG_NAME, Hex.encode(server.ledger.logKey().key().spki()), PIN)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile())).start();
        current = child;
        int syncs = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int lines = 0;
            for (String line; lines < killAfter && (line = out.readLine()) != null; lines++) {
                syncs += record(line, reported);
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
            child.toHandle().destroyForcibly();
            child.waitFor();
            current = null;
            for (String line; (line = out.readLine()) != null; ) {
                syncs += record(line, reported);
            }
        }
        return syncs;
    }

    private static int record(String line, Set<String> reported) {
        if (line.startsWith("C ")) {
            reported.add(line.substring(2));
        }
        return line.startsWith("S ") ? 1 : 0;
    }

    private void checkAfterFinalSync(Path db, FakeSyncServer server, DeviceKey key, Set<String> reported) throws Exception {
        try (LocalStore store = LocalStore.open(db)) {
            MutableClock clock = new MutableClock(Instant.now());
            SyncEngine engine = SyncEngine.builder(store, key, SyncConfig.of(server.baseUri(), server.ledger.logKey()),
                    TokenSource.fixed(FakeSyncServer.TOKEN)).clock(clock).build();
            for (int i = 0; i < 3; i++) {
                assertThat(engine.syncNow().outcome()).isEqualTo(SyncReport.Outcome.completed);
                clock.advance(Duration.ofHours(1));
            }
            List<OutboxEntry> outbox = engine.outbox();
            Set<String> ids = outbox.stream().map(OutboxEntry::recordId).collect(Collectors.toSet());
            assertThat(ids).as("nothing reported captured is lost").containsAll(reported);
            assertThat(outbox).allSatisfy(row -> {
                assertThat(row.state().isAcked()).as("%s acked", row.recordId()).isTrue();
                assertThat(row.receiptState()).isEqualTo(ReceiptState.verified);
                assertThat(server.ledger.inserts(row.recordId())).as("stored once: %s", row.recordId()).isEqualTo(1);
                RecordEnvelope e = RecordEnvelope.parse(row.envelope());
                e.verify(key.publicKey());
                for (AttachmentRef a : e.attachments()) {
                    assertThat(Sm3.hex(Files.readAllBytes(store.attachmentDir().resolve(a.sm3())))).isEqualTo(a.sm3());
                    assertThat(server.objects.isVerified(a.sm3())).isTrue();
                }
            });
            assertThat(server.ledger.allInserts().keySet()).as("the server holds nothing the phone lacks").isEqualTo(ids);
        }
    }
}
