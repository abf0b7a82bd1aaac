package cn.citygrid.sync.protocol.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * One signed-note signature line, {@code — <keyName> base64(keyHash (4 bytes, big-endian) ‖ signature)}.
 *
 * @param keyName   non-empty, no Unicode spaces or '+'
 * @param keyHash   the 32-bit key ID
 * @param signature the bytes after the key ID (at least one)
 */
public record NoteSignature(String keyName, int keyHash, byte[] signature) {
    public NoteSignature {
        NoteKeys.requireKeyName(keyName);
        if (signature.length == 0) {
            throw new NoteException("signature by " + keyName + ": got no bytes after the key hash, want a signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The line as it appears in a note, including the final newline. */
    public String line() {
        byte[] all = ByteBuffer.allocate(4 + signature.length).putInt(keyHash).put(signature).array();
        return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(all) + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && s.keyName.equals(keyName) && s.keyHash == keyHash
                && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyName.hashCode() + keyHash) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "NoteSignature[" + keyName + ", " + String.format("%08x", keyHash) + "]";
    }
}
