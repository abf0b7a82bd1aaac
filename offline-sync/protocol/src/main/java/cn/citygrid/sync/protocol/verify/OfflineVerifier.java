package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an {@link AuditBundle} with no network: every {@link Step} in order, each reported as a {@link Check}.
 * A step whose input failed earlier is skipped, so the first FAIL is the root cause. Stateless and thread-safe.
 *
 * <p>Trust comes only from the CA certificate, log key and witness keys given in the bundle; an auditor must
 * compare those against values obtained out of band (the report prints their key ids).
 *
 * @param clockSkew tolerated clock difference between device and server, and between server clocks
 */
public record OfflineVerifier(Duration clockSkew) {
    /** Five minutes of tolerated skew. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    public OfflineVerifier {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("got clock skew " + clockSkew + ", want >= 0");
        }
    }

    public OfflineVerifier() {
        this(DEFAULT_SKEW);
    }

    /** Runs every step. */
    public VerifyReport verify(AuditBundle bundle) {
        BundleContext c = new BundleContext(bundle);
        List<Check> checks = new ArrayList<>();
        for (Step step : Step.values()) {
            checks.add(run(step, c));
        }
        return new VerifyReport(checks);
    }

    private Check run(Step step, BundleContext c) {
        try {
            return new Check(step, Check.Status.OK, detail(step, c));
        } catch (BundleContext.Blocked e) {
            return new Check(step, Check.Status.SKIP, e.getMessage());
        } catch (RuntimeException e) {
            return new Check(step, Check.Status.FAIL, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private String detail(Step step, BundleContext c) {
        return switch (step) {
            case ENVELOPE -> envelope(c.entry());
            case RECORD_ID -> recordId(c.entry().record());
            case CERTIFICATE -> certificate(c);
            case KEY_ID -> keyId(c.entry().record(), c.deviceCert());
            case SIGNATURE -> signature(c.entry().record(), c.deviceCert().publicKey());
            case LEAF_HASH -> leafHash(c.entry(), c.receipt());
            case INCLUSION -> inclusion(c.entry(), c.receipt(), c.checkpoint());
            case CHECKPOINT_SIGNATURE -> checkpointSignature(c);
            case COSIGNATURES -> CosignatureCheck.check(c, clockSkew);
            case TIMING -> timing(c.entry(), c.checkpoint());
            case CONSISTENCY -> ConsistencyCheck.check(c);
        };
    }

    private static String envelope(LogEntry e) {
        RecordEnvelope r = e.record();
        return "record " + r.recordId() + " (form " + r.form().id() + "@" + r.form().version() + ", device "
                + r.deviceId() + ", captured " + r.capturedAt() + ", received " + e.receivedAt() + ")";
    }

    private static String recordId(RecordEnvelope r) {
        r.verifyRecordId();
        return "matches";
    }

    private static String certificate(BundleContext c) {
        Sm2Certificate ca = c.caCert();
        Sm2Certificate device = c.deviceCert();
        DeviceCertificates.verifyChain(device, ca, c.entry().record().capturedAt());
        return device.subject() + " issued by " + ca.subject() + " (CA key id " + ca.publicKey().keyId()
                + " — compare with the published CA)";
    }

    private static String keyId(RecordEnvelope r, Sm2Certificate device) {
        Sm2PublicKey key = device.publicKey();
        if (!r.keyId().equals(key.keyId())) {
            throw new IllegalStateException("envelope keyId " + r.keyId() + " is not the certificate key's id "
                    + key.keyId());
        }
        if (!r.deviceId().equals(device.commonName())) {
            throw new IllegalStateException("envelope deviceId " + r.deviceId() + " is not the certificate's device "
                    + device.commonName());
        }
        return "key " + key.keyId() + ", device " + r.deviceId();
    }

    private static String signature(RecordEnvelope r, Sm2PublicKey key) {
        r.verifySignature(key);
        return "SM2 signature by " + key.keyId() + " verifies";
    }

    private static String leafHash(LogEntry e, Receipt receipt) {
        if (!receipt.recordId().equals(e.record().recordId())) {
            throw new IllegalStateException("receipt is for record " + receipt.recordId() + ", not "
                    + e.record().recordId());
        }
        return Hex.encode(e.leafHash(TreeHasher.SM3)) + " = SM3(0x00 ‖ JCS(entry))";
    }

    private static String inclusion(LogEntry e, Receipt receipt, Checkpoint cp) {
        MerkleVerifier.verifyInclusion(TreeHasher.SM3, receipt.leafIndex(), cp.size(), e.leafHash(TreeHasher.SM3),
                receipt.inclusionProof(), cp.root());
        return "leaf " + receipt.leafIndex() + " of " + cp.size() + " under root " + Hex.encode(cp.root());
    }

    private static String checkpointSignature(BundleContext c) {
        VerifiedCheckpoint v = c.logSigned();
        return "signed by " + c.logKey().keyName() + " (log key id " + c.logKey().key().keyId()
                + " — compare with the published log key), origin " + v.checkpoint().origin();
    }

    private String timing(LogEntry e, Checkpoint cp) {
        Instant captured = e.record().capturedAt();
        Instant received = e.receivedAt();
        if (captured.isAfter(received.plus(clockSkew))) {
            throw new IllegalStateException("capturedAt " + captured + " is after receivedAt " + received
                    + " + " + clockSkew);
        }
        Instant signed = cp.timestamp().orElseThrow(() ->
                new IllegalStateException("checkpoint has no 'timestamp' line, so back-dating cannot be ruled out"));
        if (received.isAfter(signed.plus(clockSkew))) {
            throw new IllegalStateException("receivedAt " + received + " is after the checkpoint time " + signed
                    + " (+ " + clockSkew + "): the entry claims a time the log had not reached");
        }
        return "captured " + captured + ", received " + received + ", checkpoint signed " + signed;
    }

    /** Witness keys from the bundle as verifiers. */
    static List<WitnessVerifier> witnesses(AuditBundle b) {
        return b.witnessKeys().stream()
                .map(w -> new WitnessVerifier(w.name(), Sm2PublicKey.fromPem(w.publicKey()))).toList();
    }

    /** Re-verifies the receipt checkpoint with witness keys (its log signature already checked). */
    static VerifiedCheckpoint withWitnesses(BundleContext c) {
        c.logSigned();
        return CheckpointVerifier.verify(c.receipt().checkpoint(), c.logKey(), witnesses(c.bundle));
    }
}
