package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordUploadTest {
    @TempDir
    Path dir;

    @Test
    void sync_acceptedRecords_keepAReceiptThatVerifiesOffline() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withBatchSize(3))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(phone.captureVisit(i));
            }
            SyncReport report = phone.engine.syncNow();
            assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.completed);
            assertThat(report.acked()).isEqualTo(7);
            assertThat(report.receiptsVerified()).isEqualTo(7);
            assertThat(phone.server.requests("POST /api/v1/sync/records")).isEqualTo(3);
            for (String id : ids) {
                OutboxEntry row = phone.engine.record(id).orElseThrow();
                assertThat(row.state()).isEqualTo(OutboxState.accepted);
                assertThat(row.receiptState()).isEqualTo(ReceiptState.verified);
                // independently: the stored receipt proves the stored envelope at the server's receive time
                Receipt.parse(row.receipt()).verify(new LogEntry(RecordEnvelope.parse(row.envelope()), row.receivedAt()),
                        phone.server.ledger.logKey(), List.of());
            }
        }
    }

    @Test
    void sync_whenTheAnswerIsLostAfterTheServerStored_resendsAndTakesDuplicateAsTheAck() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            String id = phone.captureVisit(1);
            phone.server.dropAnswers.set(1);
            assertThat(phone.engine.syncNow().outcome()).isEqualTo(SyncReport.Outcome.offline);
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.waiting);
            phone.clock.advance(Duration.ofHours(1));
            assertThat(phone.engine.syncNow().outcome()).isEqualTo(SyncReport.Outcome.completed);
            OutboxEntry row = phone.engine.record(id).orElseThrow();
            assertThat(row.state()).isEqualTo(OutboxState.duplicate);
            assertThat(row.receiptState()).isEqualTo(ReceiptState.verified);
            assertThat(phone.server.ledger.arrivals(id)).isEqualTo(2);
            assertThat(phone.server.ledger.inserts(id)).isEqualTo(1);
        }
    }

    @Test
    void sync_rejectedRecord_isTerminalWithItsReason_andResubmitSignsANewRecordThatCorrectsIt() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            Map<String, Object> bad = new java.util.LinkedHashMap<>(TestPhone.visit(1));
            bad.put("reject", true);
            String id = phone.engine.capture(TestPhone.VISIT, bad, List.of());
            assertThat(phone.engine.syncNow().rejected()).isEqualTo(1);
            OutboxEntry row = phone.engine.record(id).orElseThrow();
            assertThat(row.state()).isEqualTo(OutboxState.rejected);
            assertThat(row.problem().slug()).isEqualTo("validation-failed");
            assertThat(row.lastError()).contains("field 'reject' is set");
            phone.engine.syncNow();
            assertThat(phone.server.ledger.arrivals(id)).as("a rejected record is not sent again").isEqualTo(1);

            String fixed = phone.engine.resubmit(id, TestPhone.visit(1));
            RecordEnvelope e = RecordEnvelope.parse(phone.engine.record(fixed).orElseThrow().envelope());
            assertThat(fixed).isNotEqualTo(id);
            assertThat(e.payload()).containsEntry("corrects", id);
            phone.engine.syncNow();
            assertThat(phone.engine.record(fixed).orElseThrow().state()).isEqualTo(OutboxState.accepted);
        }
    }

    @Test
    void captureDraftCorrecting_aRejectedRecord_signsANewRecordNamingIt_andRefusesOneThatIsNotRejected() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            Map<String, Object> bad = new java.util.LinkedHashMap<>(TestPhone.visit(1));
            bad.put("reject", true);
            String id = phone.engine.capture(TestPhone.VISIT, bad, List.of());
            String accepted = phone.captureVisit(2);
            phone.engine.syncNow();
            phone.engine.drafts().save(new Draft("redo", TestPhone.VISIT, TestPhone.visit(1), List.of(), Instant.now()));
            assertThatThrownBy(() -> phone.engine.captureDraft("redo", accepted)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("want rejected");
            assertThat(phone.engine.drafts().find("redo")).as("a refused capture keeps the draft").isPresent();

            String fixed = phone.engine.captureDraft("redo", id);
            OutboxEntry row = phone.engine.record(fixed).orElseThrow();
            assertThat(fixed).isNotEqualTo(id);
            assertThat(row.corrects()).isEqualTo(id);
            assertThat(RecordEnvelope.parse(row.envelope()).payload()).containsEntry("corrects", id);
            assertThat(phone.engine.drafts().find("redo")).isEmpty();
            phone.engine.syncNow();
            assertThat(phone.engine.record(fixed).orElseThrow().state()).isEqualTo(OutboxState.accepted);
            assertThat(phone.engine.record(id).orElseThrow().state()).as("the rejected record stays").isEqualTo(OutboxState.rejected);
        }
    }

    @Test
    void sync_retryAnswer_keepsTheRecordWaitingUntilItsBackoffHasPassed() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            String id = phone.captureVisit(1);
            phone.server.retry(id, 1);
            SyncReport first = phone.engine.syncNow();
            assertThat(first.retried()).isEqualTo(1);
            OutboxEntry row = phone.engine.record(id).orElseThrow();
            assertThat(row.state()).isEqualTo(OutboxState.waiting);
            assertThat(row.attempts()).isEqualTo(1);
            // retryAfterSeconds=1 is the floor; full jitter over [0, 2 s] is the ceiling
            assertThat(Duration.between(phone.clock.instant(), row.nextAttemptAt())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

            phone.engine.syncNow();
            assertThat(phone.server.ledger.arrivals(id)).as("not due yet: not sent").isEqualTo(1);
            phone.clock.advance(Duration.ofSeconds(3));
            phone.engine.syncNow();
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.accepted);
            assertThat(phone.server.ledger.arrivals(id)).isEqualTo(2);
        }
    }

    @Test
    void sync_receiptsNotSealedInline_areFetchedLaterAndVerified() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            phone.server.inlineReceipts = false;
            String id = phone.captureVisit(1);
            phone.engine.syncNow();
            assertThat(phone.engine.record(id).orElseThrow().receiptState()).isEqualTo(ReceiptState.pending);
            phone.engine.syncNow();
            assertThat(phone.engine.record(id).orElseThrow().receiptState()).as("409 record-not-sealed").isEqualTo(ReceiptState.pending);
            phone.server.ledger.seal();
            phone.clock.advance(ReceiptCheck.NOT_SEALED_WAIT);
            assertThat(phone.engine.syncNow().receiptsVerified()).isEqualTo(1);
            assertThat(phone.engine.record(id).orElseThrow().receiptState()).isEqualTo(ReceiptState.verified);
        }
    }

    @Test
    void sync_receiptUnderAnotherLogKey_isKeptButMarkedInvalid() throws Exception {
        NoteVerifier otherLog = new NoteVerifier("ledger.test/log", Sm2.generateKeyPair().publicKey());
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> new SyncConfig(c.baseUri(), otherLog, c.witnesses(),
                c.batchSize(), c.pageSize(), c.maxPagesPerSync(), c.backoff(), c.requestTimeout(), c.idleInterval()))) {
            List<SyncEvent> events = new ArrayList<>();
            phone.engine.addListener(events::add);
            String id = phone.captureVisit(1);
            SyncReport report = phone.engine.syncNow();
            assertThat(report.receiptsInvalid()).isEqualTo(1);
            OutboxEntry row = phone.engine.record(id).orElseThrow();
            assertThat(row.state()).isEqualTo(OutboxState.accepted);
            assertThat(row.receiptState()).isEqualTo(ReceiptState.invalid);
            assertThat(row.lastError()).contains("receipt does not verify");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(SyncEvent.ReceiptChecked.class));
        }
    }
}
