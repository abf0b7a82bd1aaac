package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.store.StoreException;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest {
    @TempDir
    Path dir;

    @Test
    void capture_storesAnEnvelopeSignedByTheDeviceKey_withAUuidV7ClientId() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            String id = phone.captureVisit(1);
            OutboxEntry row = phone.engine.record(id).orElseThrow();
            RecordEnvelope e = RecordEnvelope.parse(row.envelope());
            e.verify(phone.key.publicKey());
            assertThat(e.recordId()).isEqualTo(id);
            assertThat(UuidV7.isValid((String) e.payload().get("clientId"))).isTrue();
            assertThat(row.clientId()).isEqualTo(e.payload().get("clientId"));
            assertThat(row.state()).isEqualTo(OutboxState.waiting);
            assertThat(e.capturedAt()).isEqualTo(phone.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Test
    void capture_ofTheSamePayloadTwice_isTwoRecords() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            assertThat(phone.captureVisit(1)).isNotEqualTo(phone.captureVisit(1));
            assertThat(phone.engine.outbox()).hasSize(2);
        }
    }

    @Test
    void capture_whenTheTransactionFailsAfterTheInsert_leavesNoRow() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            Path photo = Files.writeString(dir.resolve("p1.jpg"), "jpeg bytes");
            phone.store.inTransaction(c -> c.createStatement().execute("CREATE TRIGGER fail_link BEFORE INSERT ON "
                    + "record_attachment BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
            assertThatThrownBy(() -> phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(photo)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("injected failure");
            assertThat(phone.engine.outbox()).isEmpty();
        }
    }

    @Test
    void capture_copiesAttachmentsUnderTheirSm3_andNamesThemInTheSignedRecord() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            Path photo = Files.writeString(dir.resolve("door.jpg"), "jpeg bytes of a door");
            String id = phone.engine.capture(TestPhone.VISIT, TestPhone.visit(1), List.of(photo));
            Files.delete(photo);
            RecordEnvelope e = RecordEnvelope.parse(phone.engine.record(id).orElseThrow().envelope());
            String sm3 = Sm3.hex("jpeg bytes of a door".getBytes());
            assertThat(e.attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("door.jpg");
                assertThat(a.mediaType()).isEqualTo("image/jpeg");
                assertThat(a.sm3()).isEqualTo(sm3);
            });
            assertThat(Files.readString(phone.store.attachmentDir().resolve(sm3))).isEqualTo("jpeg bytes of a door");
        }
    }

    @Test
    void capture_refusesPayloadMembersReservedBySync() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            assertThatThrownBy(() -> phone.engine.capture(TestPhone.VISIT, Map.of("clientId", "x"), List.of()))
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() -> phone.engine.capture(TestPhone.VISIT, Map.of("corrects", "x"), List.of()))
                    .hasMessageContaining("reserved");
        }
    }

    @Test
    void captureDraft_turnsTheDraftIntoARecord_andDeletesTheDraft() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            phone.engine.drafts().save(new Draft("d1", TestPhone.VISIT, TestPhone.visit(3), List.of(), Instant.now()));
            assertThat(phone.engine.drafts().find("d1")).isPresent();
            String id = phone.engine.captureDraft("d1");
            assertThat(phone.engine.drafts().find("d1")).isEmpty();
            assertThat(RecordEnvelope.parse(phone.engine.record(id).orElseThrow().envelope()).payload())
                    .containsEntry("houseId", "H-1003");
        }
    }

    @Test
    void listeners_hearOfACaptureAfterItCommitted() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            List<Integer> rowsSeen = new ArrayList<>();
            phone.engine.addListener(ev -> {
                if (ev instanceof SyncEvent.Captured) {
                    rowsSeen.add(phone.engine.outbox().size());
                }
            });
            phone.captureVisit(1);
            assertThat(rowsSeen).containsExactly(1);
        }
    }
}
