package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.merkle.InMemoryNodeStore;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a complete, valid audit bundle in memory: a CA and a device certificate, a device signing records, an
 * SM3 log of several entries with a signed and witness-cosigned checkpoint, a receipt for one entry, and a
 * consistency proof to a later checkpoint. Knobs let a test build the honest-but-wrong variants (expired
 * certificate, back-dated checkpoint, …) that mutation of the JSON cannot produce.
 */
final class BundleFixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant CAPTURED = Instant.parse("2026-11-27T04:45:07.123Z");
    static final String LOG_NAME = "ledger.citygrid.cn/log";
    static final String WITNESS_NAME = "witness.citygrid.cn/w1";

    final Sm2KeyPair caKeys = Sm2.generateKeyPair();
    final Sm2KeyPair deviceKeys = Sm2.generateKeyPair();
    final CheckpointSigner log = new CheckpointSigner(LOG_NAME, Sm2.generateKeyPair().privateKey());
    final WitnessCosigner witness = new WitnessCosigner(WITNESS_NAME, Sm2.generateKeyPair().privateKey());
    Instant deviceNotAfter = Instant.parse("2027-01-01T00:00:00Z");
    Duration capturedAfterReceipt = Duration.ofMinutes(-3);
    Duration checkpointAfterLastEntry = Duration.ofSeconds(1);
    int records = 5;
    int target = 2;

    Sm2Certificate ca() {
        return DeviceCertificates.selfSignedCa(caKeys, "CityGrid Device CA", T0, Instant.parse("2030-01-01T00:00:00Z"));
    }

    AuditBundle build() {
        Sm2Certificate ca = ca();
        Sm2Certificate device = DeviceCertificates.issue(caKeys.privateKey(), ca, deviceKeys.publicKey(), "dev-0042",
                "worker-17", T0, deviceNotAfter);
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerkleAppender appender = new MerkleAppender(TreeHasher.SM3);
        LogEntry targetEntry = null;
        Instant last = null;
        for (int i = 0; i < records + 3; i++) {
            LogEntry e = entry(i);
            store.putAll(appender.append(e.leafHash(TreeHasher.SM3)).newNodes());
            targetEntry = i == target ? e : targetEntry;
            last = i == records - 1 ? e.receivedAt() : last;
        }
        String first = signed(records, MerkleProofs.root(TreeHasher.SM3, store, records), last.plus(checkpointAfterLastEntry));
        String cosigned = witness.cosign(first, log.verifier(), last.plus(checkpointAfterLastEntry).plusSeconds(2));
        Receipt receipt = new Receipt(targetEntry.record().recordId(), target,
                MerkleProofs.inclusion(TreeHasher.SM3, store, target, records), cosigned);
        String later = signed(records + 3, appender.root(), last.plus(Duration.ofHours(1)));
        AuditBundle.LaterCheckpoint consistency = AuditBundle.later(later,
                MerkleProofs.consistency(TreeHasher.SM3, store, records, records + 3));
        return AuditBundle.of(targetEntry, device, ca, receipt, log.verifier(), List.of(witness.verifier()),
                Optional.of(consistency));
    }

    private String signed(long size, byte[] root, Instant at) {
        return log.sign(Checkpoint.of(LOG_NAME, size, root, at));
    }

    private LogEntry entry(int i) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("household", "H-" + (1000 + i));
        payload.put("residents", BigDecimal.valueOf(2 + i % 3));
        payload.put("note", "门牌核对 #" + i);
        payload.put("clientId", UuidV7.generate());
        Instant received = CAPTURED.plus(Duration.ofMinutes(10L * i));
        Instant captured = i == target ? received.plus(capturedAfterReceipt) : received.minusSeconds(60);
        byte[] photo = ("photo " + i).getBytes(StandardCharsets.UTF_8);
        RecordEnvelope envelope = RecordEnvelope.sign(deviceKeys.privateKey(), "dev-0042",
                deviceKeys.publicKey().keyId(), new FormRef("household-visit", "2026112701"), captured, payload,
                List.of(new AttachmentRef("p" + i + ".jpg", "image/jpeg", photo.length, Sm3.hex(photo))));
        return new LogEntry(envelope, received);
    }
}
