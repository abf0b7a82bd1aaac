package cn.citygrid.sync.protocol.checkpoint;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The log's checkpoint signer: an SM2 key under a key name (which should equal the checkpoint origin).
 * Produces C2SP signed notes with one signature line of type {@link NoteKeys#NOTE_TYPE}. Thread-safe.
 */
public record CheckpointSigner(String keyName, Sm2PrivateKey key) {
    public CheckpointSigner {
        NoteKeys.requireKeyName(keyName);
    }

    /** The signed note text for {@code checkpoint}. */
    public String sign(Checkpoint checkpoint) {
        String text = checkpoint.body();
        return new SignedNote(text, List.of(signature(text))).format();
    }

    /** This key's signature line over any note text. */
    public NoteSignature signature(String text) {
        byte[] sig = Sm2.sign(key, Sm2.DEFAULT_USER_ID, text.getBytes(StandardCharsets.UTF_8));
        return new NoteSignature(keyName, verifier().keyHash(), sig);
    }

    /** The matching verifier. */
    public NoteVerifier verifier() {
        return new NoteVerifier(keyName, key.publicKey());
    }
}
