package cn.citygrid.sync.protocol.checkpoint;

import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Signature types and key hashes for CityGrid's SM2 note signatures.
 *
 * <p>C2SP signed-note assigns no identifier byte to SM2, and reserves {@code 0xff} for "signature types without
 * an identifier byte assigned by this specification", recommending a longer identifier after it. CityGrid's
 * types are therefore {@code 0xff} followed by an ASCII identifier:
 * <ul>
 *   <li>log checkpoint signatures: {@code 0xff ‖ "citygrid/sm2-sm3-note/v1"}</li>
 *   <li>witness cosignatures: {@code 0xff ‖ "citygrid/sm2-sm3-cosignature/v1"}</li>
 * </ul>
 * Key hash = first 4 bytes (big-endian uint32) of SHA-256(keyName ‖ 0x0a ‖ type ‖ SPKI DER of the SM2 key).
 */
public final class NoteKeys {
    /** Type bytes of log (checkpoint) signatures. */
    public static final byte[] NOTE_TYPE = type("citygrid/sm2-sm3-note/v1");
    /** Type bytes of witness cosignatures. */
    public static final byte[] COSIGNATURE_TYPE = type("citygrid/sm2-sm3-cosignature/v1");

    private NoteKeys() {
    }

    /** SHA-256(keyName ‖ "\n" ‖ type ‖ spki)[:4] as a big-endian int. */
    public static int keyHash(String keyName, byte[] type, Sm2PublicKey key) {
        requireKeyName(keyName);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(keyName.getBytes(StandardCharsets.UTF_8));
        in.write('\n');
        in.writeBytes(type);
        in.writeBytes(key.spki());
        byte[] data = in.toByteArray();
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return ByteBuffer.wrap(out, 0, 4).getInt();
    }

    /** Key names are non-empty and contain no Unicode whitespace and no '+'. */
    static void requireKeyName(String keyName) {
        if (keyName == null || keyName.isEmpty()) {
            throw new NoteException("key name: got an empty name, want non-empty");
        }
        for (int i = 0; i < keyName.length(); i++) {
            char c = keyName.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
                throw new NoteException("key name: got '" + keyName + "' with '" + c + "' at " + i
                        + ", want no spaces, controls or '+'");
            }
        }
    }

    private static byte[] type(String identifier) {
        byte[] id = identifier.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[id.length + 1];
        out[0] = (byte) 0xff;
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }
}
