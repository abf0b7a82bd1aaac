package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The cosignature step: every witness listed in the bundle must have a valid cosignature on the checkpoint. */
final class CosignatureCheck {
    private CosignatureCheck() {
    }

    static String check(BundleContext c, Duration skew) {
        if (c.bundle.witnessKeys().isEmpty()) {
            c.logSigned();
            return "no witness keys in the bundle: none required";
        }
        VerifiedCheckpoint v = OfflineVerifier.withWitnesses(c);
        List<VerifiedCheckpoint.Cosignature> cosigs = v.cosignatures();
        Instant signed = v.checkpoint().timestamp().orElse(Instant.EPOCH);
        StringBuilder detail = new StringBuilder();
        for (AuditBundle.WitnessKey w : c.bundle.witnessKeys()) {
            VerifiedCheckpoint.Cosignature cs = cosigs.stream().filter(x -> x.witness().equals(w.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("witness " + w.name() + " has no cosignature on the checkpoint"));
            if (cs.time().plus(skew).plusSeconds(1).isBefore(signed)) {
                throw new IllegalStateException("witness " + w.name() + " cosigned at " + cs.time()
                        + ", before the checkpoint's own time " + signed);
            }
            detail.append(detail.length() == 0 ? "" : ", ").append(w.name()).append(" at ").append(cs.time());
        }
        return detail.toString();
    }
}
