package cn.citygrid.sync.server.attach;

import cn.citygrid.sync.protocol.crypto.Sm3;
import java.util.Random;

/** Test data: SM3 through the protocol's one-shot API (the reference the streaming digest must match). */
final class Sm3s {
    private Sm3s() {
    }

    static String hex(byte[] bytes) {
        return Sm3.hex(bytes);
    }

    /** {@code n} bytes of seeded noise. */
    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
