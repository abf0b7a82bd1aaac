package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.FakeSyncServer;
import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.transport.BatchReply;
import cn.citygrid.sync.client.transport.RecordResult;
import cn.citygrid.sync.client.transport.SyncApi;
import cn.citygrid.sync.client.transport.SyncHttp;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void threeThreadsSyncingAtOnce_uploadEachRecordAndAttachmentOnce() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withBatchSize(7))) {
            List<String> attachmentSm3s = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                List<Path> files = new ArrayList<>();
                if (i % 6 == 0) {
                    byte[] photo = new byte[3_000 + i];
                    new Random(i).nextBytes(photo);
                    files.add(Files.write(dir.resolve("p" + i + ".jpg"), photo));
                    attachmentSm3s.add(Sm3.hex(photo));
                }
                phone.engine.capture(TestPhone.VISIT, TestPhone.visit(i), files);
            }
            List<SyncReport> reports = inParallel(3, phone.engine::syncNow);
            assertThat(reports).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SyncReport.Outcome.completed));
            assertThat(reports.stream().mapToInt(SyncReport::acked).sum()).isEqualTo(60);
            for (OutboxEntry row : phone.engine.outbox()) {
                assertThat(row.state()).isEqualTo(OutboxState.accepted);
                assertThat(phone.server.ledger.arrivals(row.recordId())).as("uploads of %s", row.recordId()).isEqualTo(1);
            }
            attachmentSm3s.forEach(sm3 -> assertThat(phone.server.objects.puts(sm3)).isEqualTo(1));
        }
    }

    @Test
    void theSameBatchSentThreeTimesConcurrently_isStoredOnce_oneAcceptedAndTwoDuplicatesPerRecord() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            List<String> envelopes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = phone.captureVisit(i);
                envelopes.add(phone.engine.record(id).orElseThrow().envelope());
            }
            SyncApi api = new SyncApi(new SyncHttp(HttpClient.newHttpClient(), phone.server.baseUri(), phone.key.deviceId(),
                    TokenSource.fixed(FakeSyncServer.TOKEN), Clock.systemUTC(), Duration.ofSeconds(30)),
                    phone.key.deviceId(), Clock.systemUTC(), s -> { });
            List<BatchReply> replies = inParallel(3, () -> api.upload(SyncApi.RECORDS, envelopes, null));
            for (int i = 0; i < envelopes.size(); i++) {
                String id = RecordEnvelope.parse(envelopes.get(i)).recordId();
                int index = i;
                List<RecordResult.Status> statuses = replies.stream().map(r -> r.results().get(index).status()).toList();
                assertThat(statuses).containsExactlyInAnyOrder(RecordResult.Status.accepted, RecordResult.Status.duplicate,
                        RecordResult.Status.duplicate);
                assertThat(phone.server.ledger.inserts(id)).isEqualTo(1);
                assertThat(phone.server.ledger.arrivals(id)).isEqualTo(3);
            }
            assertThat(phone.server.ledger.size()).isEqualTo(40);
        }
    }

    static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
