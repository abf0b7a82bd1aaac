package cn.citygrid.sync.protocol.checkpoint;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.nio.charset.StandardCharsets;

/**
 * Verifies the log's own signature on a note: SM3withSM2 (user ID {@link Sm2#DEFAULT_USER_ID}, DER) over the
 * UTF-8 note text, key hash over {@link NoteKeys#NOTE_TYPE}. A line is this key's only if both name and key
 * hash match. Immutable and thread-safe.
 */
public record NoteVerifier(String keyName, Sm2PublicKey key) {
    public NoteVerifier {
        NoteKeys.requireKeyName(keyName);
    }

    /** The key hash that this key's signature lines carry. */
    public int keyHash() {
        return NoteKeys.keyHash(keyName, NoteKeys.NOTE_TYPE, key);
    }

    /** True iff {@code s} names this key (name and key hash). */
    public boolean matches(NoteSignature s) {
        return s.keyName().equals(keyName) && s.keyHash() == keyHash();
    }

    /** True iff {@code s} is this key's valid signature over {@code text}. */
    public boolean verify(String text, NoteSignature s) {
        return matches(s) && Sm2.verify(key, Sm2.DEFAULT_USER_ID, text.getBytes(StandardCharsets.UTF_8), s.signature());
    }
}
