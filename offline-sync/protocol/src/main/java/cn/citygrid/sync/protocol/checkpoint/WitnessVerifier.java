package cn.citygrid.sync.protocol.checkpoint;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Verifies a witness cosignature, C2SP tlog-cosignature v1 adapted to SM2: the signature bytes after the key
 * hash are {@code timestamp (uint64 big-endian, POSIX seconds) ‖ DER SM3withSM2 signature} (user ID
 * {@link Sm2#DEFAULT_USER_ID}) over the UTF-8 of {@code "cosignature/v1\ntime <timestamp>\n" + checkpoint body};
 * key hash over {@link NoteKeys#COSIGNATURE_TYPE}. Immutable and thread-safe.
 */
public record WitnessVerifier(String keyName, Sm2PublicKey key) {
    public WitnessVerifier {
        NoteKeys.requireKeyName(keyName);
    }

    /** The key hash that this witness's lines carry. */
    public int keyHash() {
        return NoteKeys.keyHash(keyName, NoteKeys.COSIGNATURE_TYPE, key);
    }

    /** True iff {@code s} names this witness (name and key hash). */
    public boolean matches(NoteSignature s) {
        return s.keyName().equals(keyName) && s.keyHash() == keyHash();
    }

    /** The cosigning time if {@code s} is this witness's valid cosignature over {@code text}, else empty. */
    public Optional<Instant> verify(String text, NoteSignature s) {
        byte[] raw = s.signature();
        if (!matches(s) || raw.length < 9) {
            return Optional.empty();
        }
        long seconds = ByteBuffer.wrap(raw, 0, 8).getLong();
        if (seconds < 0) {
            return Optional.empty();
        }
        byte[] der = Arrays.copyOfRange(raw, 8, raw.length);
        boolean ok = Sm2.verify(key, Sm2.DEFAULT_USER_ID, message(seconds, text), der);
        return ok ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }

    static byte[] message(long seconds, String text) {
        return ("cosignature/v1\ntime " + seconds + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }
}
