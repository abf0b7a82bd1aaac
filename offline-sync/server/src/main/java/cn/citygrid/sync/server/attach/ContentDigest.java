package cn.citygrid.sync.server.attach;

import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm3;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * SM3 and size of a stream, read once in 64 KiB chunks: memory stays flat whatever the object's size. The
 * protocol's {@link Sm3} hashes whole arrays only, so this feeds Bouncy Castle's {@link SM3Digest} (the same
 * digest {@code Sm3} wraps) incrementally.
 */
record ContentDigest(String sm3, long size) {
    private static final int CHUNK = 64 * 1024;

    /**
     * Reads {@code in} to its end or until more than {@code limit} bytes were seen; in that case the result's
     * size is above {@code limit} and its SM3 covers only what was read.
     */
    static ContentDigest of(InputStream in, long limit) throws IOException {
        SM3Digest digest = new SM3Digest();
        byte[] buf = new byte[CHUNK];
        long size = 0;
        for (int n = in.read(buf); n >= 0 && size <= limit; n = in.read(buf)) {
            digest.update(buf, 0, n);
            size += n;
        }
        byte[] out = new byte[Sm3.SIZE];
        digest.doFinal(out, 0);
        return new ContentDigest(Hex.encode(out), size);
    }
}
