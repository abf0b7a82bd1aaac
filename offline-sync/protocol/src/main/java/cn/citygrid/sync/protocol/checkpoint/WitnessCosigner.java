package cn.citygrid.sync.protocol.checkpoint;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A witness's cosigning key (format in {@link WitnessVerifier}). It refuses to cosign a note the log key did not
 * sign; checking consistency with the witness's previous view is the caller's duty. Thread-safe.
 */
public record WitnessCosigner(String keyName, Sm2PrivateKey key) {
    public WitnessCosigner {
        NoteKeys.requireKeyName(keyName);
    }

    /**
     * Adds this witness's cosignature, timestamped {@code at} (truncated to seconds), to a log-signed checkpoint.
     *
     * @throws NoteException if the note is malformed or not validly signed by {@code log}
     */
    public String cosign(String signedCheckpoint, NoteVerifier log, Instant at) {
        VerifiedCheckpoint checked = CheckpointVerifier.verify(signedCheckpoint, log, java.util.List.of());
        long seconds = at.getEpochSecond();
        byte[] der = Sm2.sign(key, Sm2.DEFAULT_USER_ID, WitnessVerifier.message(seconds, checked.note().text()));
        byte[] sig = ByteBuffer.allocate(8 + der.length).putLong(seconds).put(der).array();
        NoteSignature line = new NoteSignature(keyName, verifier().keyHash(), sig);
        return SignedNote.parse(signedCheckpoint).with(line).format();
    }

    /** The matching verifier. */
    public WitnessVerifier verifier() {
        return new WitnessVerifier(keyName, key.publicKey());
    }
}
