package cn.citygrid.sync.protocol.merkle;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Checks preconditions first and
 * reports failures as {@link ProofException} with "got X, want Y" messages; a proof of the wrong length is
 * rejected before any hashing. Stateless and thread-safe.
 */
public final class MerkleVerifier {
    private MerkleVerifier() {
    }

    /** Number of hashes in an inclusion proof for leaf {@code index} of a tree of {@code size} (0 <= index < size). */
    public static int inclusionProofSize(long index, long size) {
        int inner = innerSize(index, size);
        return inner + Long.bitCount(index >>> inner);
    }

    /** Number of hashes in a consistency proof from {@code size1} to {@code size2} (0 < size1 < size2). */
    public static int consistencyProofSize(long size1, long size2) {
        int inner = innerSize(size1 - 1, size2);
        int shift = Long.numberOfTrailingZeros(size1);
        int seed = size1 == 1L << shift ? 0 : 1;
        return seed + (inner - shift) + Long.bitCount((size1 - 1) >>> inner);
    }

    /**
     * Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves with {@code root}.
     *
     * @throws ProofException naming the first violated precondition, or the root mismatch
     */
    public static void verifyInclusion(Hasher hasher, long index, long size, byte[] leafHash, List<byte[]> proof,
                                       byte[] root) {
        byte[] calculated = rootFromInclusionProof(hasher, index, size, leafHash, proof);
        if (!Arrays.equals(calculated, root)) {
            throw new ProofException("calculated root " + Hex.encode(calculated) + " does not match expected root "
                    + Hex.encode(root));
        }
    }

    /** The root implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1–4), after precondition checks. */
    public static byte[] rootFromInclusionProof(Hasher hasher, long index, long size, byte[] leafHash,
                                                List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new ProofException("got index " + index + ", want 0 <= index < size " + size);
        }
        requireHashSize(hasher, "leaf hash", leafHash);
        requireProof(hasher, proof, inclusionProofSize(index, size));
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.hashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = hasher.hashChildren(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return r;
    }

    /**
     * Verifies that the tree of {@code size2} leaves with {@code root2} extends the tree of {@code size1} leaves
     * with {@code root1}.
     *
     * @throws ProofException naming the first violated precondition, or which root does not match
     */
    public static void verifyConsistency(Hasher hasher, long size1, long size2, List<byte[]> proof, byte[] root1,
                                         byte[] root2) {
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("got sizes " + size1 + " -> " + size2 + ", want 0 <= size1 <= size2");
        }
        if (size1 == size2) {
            verifyEqualTrees(hasher, size1, proof, root1, root2);
            return;
        }
        if (size1 == 0) {
            throw new ProofException("got size1 0, want > 0: every tree extends the empty tree, so such a proof "
                    + "proves nothing");
        }
        requireProof(hasher, proof, consistencyProofSize(size1, size2));
        byte[][] roots = chainConsistency(hasher, size1, size2, proof, root1);
        if (!Arrays.equals(roots[0], root1)) {
            throw new ProofException("calculated root1 " + Hex.encode(roots[0]) + " does not match given root1 "
                    + Hex.encode(root1));
        }
        if (!Arrays.equals(roots[1], root2)) {
            throw new ProofException("calculated root2 " + Hex.encode(roots[1]) + " does not match given root2 "
                    + Hex.encode(root2));
        }
    }

    /** RFC 9162 §2.1.4.2 steps 2–6: returns {first root, second root} implied by the proof. */
    private static byte[][] chainConsistency(Hasher hasher, long size1, long size2, List<byte[]> proof,
                                             byte[] root1) {
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.hashChildren(c, fr);
                sr = hasher.hashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = hasher.hashChildren(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return new byte[][] {fr, sr};
    }

    private static void verifyEqualTrees(Hasher hasher, long size, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (!proof.isEmpty()) {
            throw new ProofException("got " + proof.size() + " proof hashes for equal sizes " + size + ", want 0");
        }
        if (size == 0 && !Arrays.equals(root1, hasher.emptyRoot())) {
            throw new ProofException("got root " + Hex.encode(root1) + " for size 0, want the empty-tree root "
                    + Hex.encode(hasher.emptyRoot()));
        }
        if (!Arrays.equals(root1, root2)) {
            throw new ProofException("got different roots " + Hex.encode(root1) + " and " + Hex.encode(root2)
                    + " for equal sizes " + size + ", want equal roots");
        }
    }

    private static int innerSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static void requireProof(Hasher hasher, List<byte[]> proof, int want) {
        if (proof.size() != want) {
            throw new ProofException("got proof of " + proof.size() + " hashes, want " + want);
        }
        for (int i = 0; i < proof.size(); i++) {
            requireHashSize(hasher, "proof[" + i + "]", proof.get(i));
        }
    }

    private static void requireHashSize(Hasher hasher, String what, byte[] hash) {
        if (hash == null || hash.length != hasher.size()) {
            throw new ProofException("got " + what + " of " + (hash == null ? "no" : hash.length) + " bytes, want "
                    + hasher.size());
        }
    }
}
