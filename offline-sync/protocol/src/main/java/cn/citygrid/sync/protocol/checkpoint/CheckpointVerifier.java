package cn.citygrid.sync.protocol.checkpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a signed checkpoint following C2SP signed-note rules: lines from unknown keys (name or key hash
 * differ) are ignored; every line from a known key — the log's or a listed witness's — must verify, or the
 * whole note is rejected; at least one log signature must be present. Witness quorum policy is the caller's.
 */
public final class CheckpointVerifier {
    private CheckpointVerifier() {
    }

    /**
     * Verifies {@code note} under the log key and the given witnesses.
     *
     * @throws NoteException naming the malformed part or the key whose signature failed
     */
    public static VerifiedCheckpoint verify(String note, NoteVerifier log, List<WitnessVerifier> witnesses) {
        SignedNote parsed = SignedNote.parse(note);
        boolean logSigned = false;
        List<VerifiedCheckpoint.Cosignature> cosignatures = new ArrayList<>();
        for (NoteSignature s : parsed.signatures()) {
            if (log.matches(s)) {
                if (!log.verify(parsed.text(), s)) {
                    throw new NoteException("signature by log key " + log.keyName() + " does not verify");
                }
                logSigned = true;
                continue;
            }
            for (WitnessVerifier w : witnesses) {
                if (w.matches(s)) {
                    Optional<Instant> time = w.verify(parsed.text(), s);
                    if (time.isEmpty()) {
                        throw new NoteException("cosignature by witness " + w.keyName() + " does not verify");
                    }
                    cosignatures.add(new VerifiedCheckpoint.Cosignature(w.keyName(), time.get()));
                }
            }
        }
        if (!logSigned) {
            throw new NoteException(String.format("note has no signature by log key %s (key hash %08x); "
                    + "signed by %s", log.keyName(), log.keyHash(), names(parsed)));
        }
        return new VerifiedCheckpoint(Checkpoint.parse(parsed.text()), parsed, cosignatures);
    }

    private static List<String> names(SignedNote note) {
        return note.signatures().stream().map(s -> String.format("%s/%08x", s.keyName(), s.keyHash())).toList();
    }
}
