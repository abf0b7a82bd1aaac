package cn.citygrid.sync.protocol.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A "random" source that always yields the same 256-bit value, so SM2 signs with a known nonce k and whole
 * signatures can be compared with published vectors. Bouncy Castle draws k as {@code nextBytes(32)}
 * interpreted big-endian. Test use only.
 */
final class FixedKRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] k = new byte[32];

    FixedKRandom(String kHex) {
        byte[] raw = new BigInteger(kHex, 16).toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, k, 32 - n, n);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalStateException("got request for " + bytes.length + " bytes, want 32 (one SM2 nonce)");
        }
        System.arraycopy(k, 0, bytes, 0, 32);
    }
}
