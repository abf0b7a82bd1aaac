package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.protocol.crypto.Sm3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentSyncTest {
    @TempDir
    Path dir;

    @Test
    void smallAttachment_isPutWhole_verifiedBySm3_beforeItsRecordIsAccepted() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            byte[] photo = bytes(20_000, 1);
            Path file = Files.write(dir.resolve("door.jpg"), photo);
            String id = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(file));
            SyncReport r = phone.engine.syncNow();
            assertThat(r.attachmentsUploaded()).isEqualTo(1);
            assertThat(phone.server.objects.isVerified(Sm3.hex(photo))).isTrue();
            assertThat(phone.server.objects.puts(Sm3.hex(photo))).isEqualTo(1);
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.accepted);
            phone.engine.syncNow();
            assertThat(phone.server.objects.puts(Sm3.hex(photo))).as("present now: not sent again").isEqualTo(1);
        }
    }

    @Test
    void largeAttachment_resumesItsMultipartUpload_sendingOnlyTheMissingParts() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            byte[] video = bytes(200_000, 2); // 13 parts of 16 KiB in the double
            Path file = Files.write(dir.resolve("walk.mp4"), video);
            String sm3 = Sm3.hex(video);
            String id = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(file));
            phone.server.objects.failPartAfter(5);

            SyncReport interrupted = phone.engine.syncNow();
            assertThat(interrupted.attachmentsUploaded()).isZero();
            assertThat(phone.server.objects.puts(sm3)).isEqualTo(5);
            assertThat(phone.engine.record(id).orElseThrow().state()).as("record waits for its attachment")
                    .isEqualTo(OutboxState.waiting);
            assertThat(phone.server.ledger.arrivals(id)).isZero();

            SyncReport resumed = phone.engine.syncNow();
            assertThat(resumed.attachmentsUploaded()).isEqualTo(1);
            assertThat(phone.server.objects.puts(sm3)).as("each of 13 parts sent once").isEqualTo(13);
            assertThat(phone.server.objects.isVerified(sm3)).isTrue();
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.accepted);
        }
    }

    @Test
    void attachmentMissingAtTheServer_isRetried_notRejected() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            byte[] photo = bytes(1_000, 3);
            Path file = Files.write(dir.resolve("a.jpg"), photo);
            String id = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(file));
            // the device believes the object is there (e.g. uploaded from a restored backup), the server does not
            phone.store.inTransaction(c -> c.createStatement().executeUpdate("UPDATE attachment SET state = 'present'"));
            SyncReport r = phone.engine.syncNow();
            assertThat(r.retried()).isEqualTo(1);
            assertThat(phone.engine.record(id).orElseThrow().problem().slug()).isEqualTo("attachment-missing");
            phone.clock.advance(java.time.Duration.ofSeconds(5));
            phone.engine.syncNow();
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.accepted);
        }
    }

    @Test
    void refusedAttachment_rejectsTheRecordsNamingIt_andARedoWithAnotherFileIsAccepted() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            Path gif = Files.write(dir.resolve("a.gif"), bytes(1_000, 4));
            String id = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(gif));
            List<SyncEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            phone.engine.addListener(events::add);
            SyncReport r = phone.engine.syncNow();
            assertThat(r.rejected()).isEqualTo(1);
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.rejected);
            assertThat(phone.engine.record(id).orElseThrow().problem().slug()).isEqualTo("attachment-refused");
            assertThat(events).as("listeners told").anyMatch(e -> e instanceof SyncEvent.RecordStateChanged c
                    && c.recordId().equals(id) && c.state() == OutboxState.rejected
                    && c.problem().slug().equals("attachment-refused"));
            // The same refused file named by a new record: refused again, that record rejected too.
            String again = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(2), List.of(gif));
            phone.engine.syncNow();
            assertThat(phone.engine.record(again).orElseThrow().state()).isEqualTo(OutboxState.rejected);

            Path jpg = Files.write(dir.resolve("a.jpg"), bytes(1_000, 5));
            String redo = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(3), List.of(jpg));
            phone.engine.syncNow();
            assertThat(phone.engine.record(redo).orElseThrow().state()).isEqualTo(OutboxState.accepted);
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
