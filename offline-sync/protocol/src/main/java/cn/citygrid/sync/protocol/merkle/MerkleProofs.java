package cn.citygrid.sync.protocol.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates RFC 9162 roots and proofs from stored perfect nodes ({@link NodeStore}) without recomputing the tree.
 *
 * <p>A proof is a list of node hashes, lowest level first, exactly as RFC 9162 §2.1.3/§2.1.4 defines it. Every
 * hash is either a stored perfect node, or an ephemeral node on the tree's right border, which is composed from
 * O(log n) stored nodes on the fly. Precondition for all methods: the store holds every perfect node of the tree
 * of the given size.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** Root of the tree of {@code size} leaves. */
    public static byte[] root(Hasher hasher, NodeStore store, long size) {
        requireSize(size);
        return size == 0 ? hasher.emptyRoot() : range(hasher, store, 0, size);
    }

    /**
     * Inclusion proof for leaf {@code index} in the tree of {@code size} leaves.
     *
     * @throws ProofException unless 0 <= index < size
     */
    public static List<byte[]> inclusion(Hasher hasher, NodeStore store, long index, long size) {
        if (index < 0 || index >= size) {
            throw new ProofException("got index " + index + ", want 0 <= index < size " + size);
        }
        return path(hasher, store, index, 0, size);
    }

    /**
     * Consistency proof from the tree of {@code size1} leaves to the tree of {@code size2} leaves.
     *
     * @throws ProofException unless 0 < size1 <= size2
     */
    public static List<byte[]> consistency(Hasher hasher, NodeStore store, long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new ProofException("got sizes " + size1 + " -> " + size2 + ", want 0 < size1 <= size2");
        }
        if (size1 == size2) {
            return List.of();
        }
        int shift = Long.numberOfTrailingZeros(size1);
        List<byte[]> proof = new ArrayList<>();
        if (size1 != 1L << shift) {
            // the subtree that ends at size1 and is shared by both trees seeds the proof
            proof.add(store.node(shift, (size1 - 1) >>> shift));
        }
        proof.addAll(path(hasher, store, size1 - 1, shift, size2));
        return proof;
    }

    /**
     * Siblings on the path from the level-{@code fromLevel} ancestor of leaf {@code leaf} up to the root of the
     * tree of {@code size}: first the inner part (where the path and the right border differ), then the left
     * siblings along the border.
     */
    private static List<byte[]> path(Hasher hasher, NodeStore store, long leaf, int fromLevel, long size) {
        List<byte[]> out = new ArrayList<>();
        int inner = 64 - Long.numberOfLeadingZeros(leaf ^ (size - 1));
        for (int level = fromLevel; level < inner; level++) {
            long sibling = (leaf >>> level) ^ 1;
            long start = sibling << level;
            long end = Math.min(start + (1L << level), size);
            out.add(range(hasher, store, start, end));
        }
        for (int level = Math.max(inner, fromLevel); level < 63; level++) {
            if ((leaf >>> level & 1) == 1) {
                out.add(store.node(level, (leaf >>> level) - 1));
            }
        }
        return out;
    }

    /**
     * RFC 9162 hash of leaves [start, end), where start is aligned to a power of two at least end - start:
     * the perfect subtrees covering the range, folded right to left.
     */
    private static byte[] range(Hasher hasher, NodeStore store, long start, long end) {
        List<byte[]> parts = new ArrayList<>();
        long pos = start;
        for (int level = 63; level >= 0; level--) {
            if (((end - start) >>> level & 1) == 0) {
                continue;
            }
            parts.add(store.node(level, pos >>> level));
            pos += 1L << level;
        }
        byte[] r = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            r = hasher.hashChildren(parts.get(i), r);
        }
        return r;
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new ProofException("got size " + size + ", want >= 0");
        }
    }
}
