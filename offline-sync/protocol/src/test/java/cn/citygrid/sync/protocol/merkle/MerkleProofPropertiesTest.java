package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random trees up to 10,000 leaves: generated proofs verify, and every altered proof or claim fails — flipped
 * bit, dropped/added/reordered hash, wrong index, wrong size (with that size's true root), wrong leaf, wrong root.
 * Bounded: 12 trees per property, 25 inclusion and 15 consistency proofs sampled per tree.
 */
class MerkleProofPropertiesTest {
    private static final Hasher H = TreeHasher.SM3;

    @Property(tries = 12)
    void inclusionProofs_verify_andEveryAlterationFails(@ForAll @IntRange(min = 1, max = 10_000) int size,
                                                         @ForAll long seed) {
        checkInclusion(TestTrees.random(H, size, seed), new Random(seed), 25);
    }

    @Property(tries = 12)
    void consistencyProofs_verify_andEveryAlterationFails(@ForAll @IntRange(min = 2, max = 10_000) int size,
                                                           @ForAll long seed) {
        checkConsistency(TestTrees.random(H, size, seed), new Random(seed), 15);
    }

    static void checkInclusion(TestTrees t, Random random, int samples) {
        int size = t.size();
        byte[] root = t.roots.get(size);
        for (int s = 0; s < samples; s++) {
            long index = s == 0 ? size - 1 : random.nextInt(size);
            byte[] leaf = t.leafHash(index);
            List<byte[]> proof = MerkleProofs.inclusion(H, t.store, index, size);
            assertThatCode(() -> MerkleVerifier.verifyInclusion(H, index, size, leaf, proof, root))
                    .doesNotThrowAnyException();
            for (Map.Entry<String, List<byte[]>> m : ProofMutations.of(proof, random).entrySet()) {
                fails(m.getKey(), () -> MerkleVerifier.verifyInclusion(H, index, size, leaf, m.getValue(), root));
            }
            if (size > 1) {
                long other = (index + 1 + random.nextInt(size - 1)) % size;
                fails("wrong index " + other, () -> MerkleVerifier.verifyInclusion(H, other, size, leaf, proof, root));
                fails("leaf of index " + other, () -> MerkleVerifier.verifyInclusion(H, other, size,
                        t.leafHash(other), proof, root));
                fails("wrong leaf", () -> MerkleVerifier.verifyInclusion(H, index, size, t.leafHash(other), proof, root));
            }
            for (int otherSize : new int[] {size - 1, size + 1, 2 * size, size / 2}) {
                if (otherSize > index && otherSize != size && otherSize <= size) {
                    byte[] otherRoot = t.roots.get(otherSize);
                    fails("size " + otherSize + " with its root",
                            () -> MerkleVerifier.verifyInclusion(H, index, otherSize, leaf, proof, otherRoot));
                }
            }
            fails("index beyond size", () -> MerkleVerifier.verifyInclusion(H, size, size, leaf, proof, root));
            fails("wrong root", () -> MerkleVerifier.verifyInclusion(H, index, size, leaf, proof, t.roots.get(size - 1)));
        }
    }

    static void checkConsistency(TestTrees t, Random random, int samples) {
        int size2 = t.size();
        for (int s = 0; s < samples; s++) {
            long size1 = 1 + random.nextInt(size2 - 1);
            byte[] root1 = t.roots.get((int) size1);
            byte[] root2 = t.roots.get(size2);
            List<byte[]> proof = MerkleProofs.consistency(H, t.store, size1, size2);
            assertThatCode(() -> MerkleVerifier.verifyConsistency(H, size1, size2, proof, root1, root2))
                    .doesNotThrowAnyException();
            for (Map.Entry<String, List<byte[]>> m : ProofMutations.of(proof, random).entrySet()) {
                fails(m.getKey(), () -> MerkleVerifier.verifyConsistency(H, size1, size2, m.getValue(), root1, root2));
            }
            for (long other : new long[] {size1 - 1, size1 + 1}) {
                if (other >= 1 && other < size2) {
                    byte[] otherRoot = t.roots.get((int) other);
                    fails("size1 " + other + " with its root",
                            () -> MerkleVerifier.verifyConsistency(H, other, size2, proof, otherRoot, root2));
                }
            }
            byte[] shorter = t.roots.get(size2 - 1);
            if (size1 < size2 - 1) {
                fails("size2 - 1 with its root",
                        () -> MerkleVerifier.verifyConsistency(H, size1, size2 - 1, proof, root1, shorter));
            }
            fails("wrong root1", () -> MerkleVerifier.verifyConsistency(H, size1, size2, proof, root2, root2));
            fails("wrong root2", () -> MerkleVerifier.verifyConsistency(H, size1, size2, proof, root1, shorter));
            fails("swapped roots", () -> MerkleVerifier.verifyConsistency(H, size1, size2, proof, root2, root1));
        }
    }

    private static void fails(String what, Runnable verify) {
        assertThatThrownBy(verify::run).as(what).isInstanceOf(ProofException.class);
    }
}
