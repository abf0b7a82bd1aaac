package cn.citygrid.sync.protocol.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905-2016), 32-byte digests. Stateless and thread-safe. */
public final class Sm3 {
    /** Digest length in bytes. */
    public static final int SIZE = 32;

    private Sm3() {
    }

    /** SM3 of the concatenation of {@code parts}. */
    public static byte[] digest(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[SIZE];
        d.doFinal(out, 0);
        return out;
    }

    /** Lowercase hex of the SM3 of {@code data}. */
    public static String hex(byte[] data) {
        return Hex.encode(digest(data));
    }
}
