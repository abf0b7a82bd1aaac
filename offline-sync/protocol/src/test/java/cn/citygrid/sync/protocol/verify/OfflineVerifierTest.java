package cn.citygrid.sync.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OfflineVerifierTest {
    private static final BundleFixtures FIXTURES = new BundleFixtures();
    private static final AuditBundle GOOD = FIXTURES.build();
    private final OfflineVerifier verifier = new OfflineVerifier();

    /** A deep, mutable copy of the good bundle's JSON, changed by {@code change}, read back as a bundle. */
    @SuppressWarnings("unchecked")
    private static AuditBundle mutated(Consumer<Map<String, Object>> change) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(GOOD.toJson());
        change.accept(json);
        return AuditBundle.parse(Json.write(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> m, String... path) {
        Map<String, Object> cur = m;
        for (String p : path) {
            cur = (Map<String, Object>) cur.get(p);
        }
        return cur;
    }

    private void assertFailsFirstAt(AuditBundle bundle, Step step, String detail) {
        VerifyReport report = verifier.verify(bundle);
        assertThat(report.passed()).as(report.format()).isFalse();
        assertThat(report.firstFailure().orElseThrow().step()).as(report.format()).isEqualTo(step);
        assertThat(report.check(step).detail()).as(report.format()).contains(detail);
        for (Step earlier : Step.values()) {
            if (earlier.ordinal() < step.ordinal()) {
                assertThat(report.check(earlier).status()).as(report.format()).isEqualTo(Check.Status.OK);
            }
        }
    }

    @Test
    void goodBundle_passesEveryStep() {
        VerifyReport report = verifier.verify(GOOD);
        assertThat(report.passed()).as(report.format()).isTrue();
        assertThat(report.checks()).extracting(Check::status).containsOnly(Check.Status.OK);
        assertThat(report.checks()).hasSize(Step.values().length);
        assertThat(verifier.verify(AuditBundle.parse(GOOD.toJson())).passed()).isTrue();
        assertThat(report.check(Step.COSIGNATURES).detail()).startsWith(BundleFixtures.WITNESS_NAME + " at ");
    }

    @Test
    void payloadEdited_failsAtRecordId() {
        assertFailsFirstAt(mutated(j -> at(j, "entry", "record", "payload").put("residents", new BigDecimal(9))),
                Step.RECORD_ID, "recordId: got ");
    }

    @Test
    void signatureBitFlipped_failsAtSignature() {
        assertFailsFirstAt(mutated(j -> {
            Map<String, Object> record = at(j, "entry", "record");
            byte[] der = Base64.getDecoder().decode((String) record.get("sig"));
            der[der.length - 2] ^= 0x10;
            record.put("sig", Base64.getEncoder().encodeToString(der));
        }), Step.SIGNATURE, "sig: does not verify");
    }

    @Test
    void wrongCa_failsAtCertificate() {
        String rogue = new BundleFixtures().ca().toPem();
        assertFailsFirstAt(mutated(j -> j.put("caCertificate", rogue)), Step.CERTIFICATE,
                "signature does not verify under the CA key");
    }

    @Test
    void certificateExpiredBeforeCapture_failsAtCertificate() {
        BundleFixtures f = new BundleFixtures();
        f.deviceNotAfter = BundleFixtures.CAPTURED.minus(Duration.ofDays(1));
        assertFailsFirstAt(f.build(), Step.CERTIFICATE, "expired at 2026-11-26T04:45:07Z, checked at");
    }

    @Test
    void certificateForAnotherDeviceKey_failsAtKeyId() {
        BundleFixtures other = new BundleFixtures();
        String foreignCert = other.build().deviceCertificate();
        String foreignCa = other.ca().toPem();
        assertFailsFirstAt(mutated(j -> {
            j.put("deviceCertificate", foreignCert);
            j.put("caCertificate", foreignCa);
        }), Step.KEY_ID, "is not the certificate key's id");
    }

    @Test
    void inclusionProofAltered_failsAtInclusion() {
        assertFailsFirstAt(mutated(j -> {
            @SuppressWarnings("unchecked")
            List<Object> proof = new ArrayList<>((List<Object>) at(j, "receipt").get("inclusionProof"));
            String h = (String) proof.get(0);
            proof.set(0, (h.charAt(0) == '0' ? "1" : "0") + h.substring(1));
            at(j, "receipt").put("inclusionProof", proof);
        }), Step.INCLUSION, "calculated root ");
    }

    @Test
    void leafIndexChanged_failsAtInclusion() {
        assertFailsFirstAt(mutated(j -> at(j, "receipt").put("leafIndex", new BigDecimal(3))), Step.INCLUSION,
                "calculated root ");
    }

    @Test
    void checkpointSignedByAnotherKey_failsAtCheckpointSignature() {
        CheckpointSigner impostor = new CheckpointSigner(BundleFixtures.LOG_NAME, Sm2.generateKeyPair().privateKey());
        assertFailsFirstAt(mutated(j -> {
            String note = (String) at(j, "receipt").get("checkpoint");
            Checkpoint body = Checkpoint.parse(SignedNote.parse(note).text());
            at(j, "receipt").put("checkpoint", impostor.sign(body));
        }), Step.CHECKPOINT_SIGNATURE, "note has no signature by log key " + BundleFixtures.LOG_NAME);
    }

    @Test
    void witnessCosignatureMissing_failsAtCosignatures() {
        assertFailsFirstAt(mutated(j -> {
            SignedNote note = SignedNote.parse((String) at(j, "receipt").get("checkpoint"));
            at(j, "receipt").put("checkpoint", new SignedNote(note.text(), note.signatures().subList(0, 1)).format());
        }), Step.COSIGNATURES, "witness " + BundleFixtures.WITNESS_NAME + " has no cosignature");
    }

    @Test
    void receivedAtAfterCheckpointTime_failsAtTiming() {
        BundleFixtures f = new BundleFixtures();
        f.checkpointAfterLastEntry = Duration.ofMinutes(-30);
        assertFailsFirstAt(f.build(), Step.TIMING, "the entry claims a time the log had not reached");
    }

    @Test
    void capturedAtAfterReceivedAt_failsAtTiming() {
        BundleFixtures f = new BundleFixtures();
        f.capturedAfterReceipt = Duration.ofHours(1);
        assertFailsFirstAt(f.build(), Step.TIMING, "is after receivedAt");
    }

    @Test
    void consistencyProofWrong_failsAtConsistency() {
        assertFailsFirstAt(mutated(j -> {
            @SuppressWarnings("unchecked")
            List<Object> proof = new ArrayList<>((List<Object>) at(j, "consistency").get("proof"));
            proof.remove(proof.size() - 1);
            at(j, "consistency").put("proof", proof);
        }), Step.CONSISTENCY, "got proof of ");
    }

    @Test
    void laterCheckpointFromAnotherKey_failsAtConsistency() {
        CheckpointSigner impostor = new CheckpointSigner(BundleFixtures.LOG_NAME, Sm2.generateKeyPair().privateKey());
        assertFailsFirstAt(mutated(j -> {
            String note = (String) at(j, "consistency").get("checkpoint");
            at(j, "consistency").put("checkpoint", impostor.sign(Checkpoint.parse(SignedNote.parse(note).text())));
        }), Step.CONSISTENCY, "note has no signature by log key");
    }

    @Test
    void envelopeUnparseable_failsAtEnvelope_andSkipsWhatNeedsIt() {
        VerifyReport report = verifier.verify(mutated(j -> at(j, "entry", "record").remove("keyId")));
        assertThat(report.firstFailure().orElseThrow().step()).isEqualTo(Step.ENVELOPE);
        assertThat(report.check(Step.ENVELOPE).detail()).isEqualTo("entry.record.keyId: missing, want a value");
        assertThat(report.check(Step.SIGNATURE).status()).isEqualTo(Check.Status.SKIP);
        assertThat(report.check(Step.CHECKPOINT_SIGNATURE).status()).isEqualTo(Check.Status.OK);
        assertThat(report.format()).contains("SKIP record signature verifies: needs the envelope, which failed above");
    }
}
