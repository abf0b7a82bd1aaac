package cn.citygrid.sync.protocol.merkle;

/**
 * The hash functions of an RFC 9162 §2.1 Merkle tree. Implementations are stateless and thread-safe; every
 * returned array is fresh and exactly {@link #size()} bytes.
 */
public interface Hasher {
    /** Root of the empty tree: HASH() of no input. */
    byte[] emptyRoot();

    /** Leaf hash: HASH(0x00 ‖ data). */
    byte[] hashLeaf(byte[] data);

    /** Interior node: HASH(0x01 ‖ left ‖ right). */
    byte[] hashChildren(byte[] left, byte[] right);

    /** Digest length in bytes. */
    int size();
}
