package cn.citygrid.sync.protocol.verify;

/** The offline verifier's steps, in the order they run and are reported. */
public enum Step {
    ENVELOPE("envelope parses"),
    RECORD_ID("recordId = SM3(JCS(payload))"),
    CERTIFICATE("device certificate chains to the CA and was valid at capturedAt"),
    KEY_ID("envelope keyId and deviceId match the certificate"),
    SIGNATURE("record signature verifies"),
    LEAF_HASH("leaf hash"),
    INCLUSION("inclusion proof to the checkpoint root"),
    CHECKPOINT_SIGNATURE("checkpoint signed by the log key"),
    COSIGNATURES("witness cosignatures"),
    TIMING("capturedAt <= receivedAt and receivedAt <= checkpoint time, within skew (not back-dated)"),
    CONSISTENCY("consistency with the later checkpoint");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
