package cn.citygrid.sync.protocol.merkle;

import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * RFC 9162 hashers: {@link #SM3} is the ledger's; {@link #SHA256} exists to run the tree code against the
 * published RFC 6962/9162 SHA-256 vectors.
 */
public enum TreeHasher implements Hasher {
    SHA256(SHA256Digest::new),
    SM3(SM3Digest::new);

    private static final byte[] LEAF = {0x00};
    private static final byte[] NODE = {0x01};
    private final Supplier<Digest> digests;

    TreeHasher(Supplier<Digest> digests) {
        this.digests = digests;
    }

    @Override
    public byte[] emptyRoot() {
        return hash();
    }

    @Override
    public byte[] hashLeaf(byte[] data) {
        return hash(LEAF, data);
    }

    @Override
    public byte[] hashChildren(byte[] left, byte[] right) {
        return hash(NODE, left, right);
    }

    @Override
    public int size() {
        return 32;
    }

    private byte[] hash(byte[]... parts) {
        Digest d = digests.get();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
