package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stored-node implementation against the literal RFC 9162 recursion, for every tree size 0..130: roots,
 * every inclusion proof, every consistency proof. Also pins the inclusion proof length: for n leaves the longest
 * proof has exactly ceil(log2 n) hashes, and when n is a power of two every proof has exactly log2 n.
 */
class ReferenceTreeTest {
    private static final int MAX = 130;

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(Hex::encode).toList();
    }

    private static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    @ParameterizedTest
    @EnumSource(TreeHasher.class)
    void everyRootAndInclusionProof_matchesReference(TreeHasher hasher) {
        TestTrees t = TestTrees.random(hasher, MAX, 42);
        NaiveMerkleTree ref = new NaiveMerkleTree(hasher, t.leafData);
        for (int n = 0; n <= MAX; n++) {
            assertThat(MerkleProofs.root(hasher, t.store, n)).as("root %d", n).isEqualTo(ref.root(n));
            assertThat(t.roots.get(n)).as("appender root %d", n).isEqualTo(ref.root(n));
            int longest = 0;
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleProofs.inclusion(hasher, t.store, m, n);
                assertThat(hex(proof)).as("inclusion %d in %d", m, n).isEqualTo(hex(ref.inclusion(m, n)));
                assertThat(proof).hasSize(MerkleVerifier.inclusionProofSize(m, n));
                MerkleVerifier.verifyInclusion(hasher, m, n, t.leafHash(m), proof, ref.root(n));
                longest = Math.max(longest, proof.size());
                if (Long.bitCount(n) == 1) {
                    assertThat(proof).hasSize(ceilLog2(n));
                }
            }
            assertThat(longest).as("longest inclusion proof for %d leaves", n).isEqualTo(ceilLog2(n));
        }
    }

    @ParameterizedTest
    @EnumSource(TreeHasher.class)
    void everyConsistencyProof_matchesReference(TreeHasher hasher) {
        TestTrees t = TestTrees.random(hasher, MAX, 7);
        NaiveMerkleTree ref = new NaiveMerkleTree(hasher, t.leafData);
        for (int n = 1; n <= MAX; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleProofs.consistency(hasher, t.store, m, n);
                assertThat(hex(proof)).as("consistency %d -> %d", m, n).isEqualTo(hex(ref.consistency(m, n)));
                if (m < n) {
                    assertThat(proof).hasSize(MerkleVerifier.consistencyProofSize(m, n));
                }
                MerkleVerifier.verifyConsistency(hasher, m, n, proof, ref.root(m), ref.root(n));
            }
        }
        MerkleVerifier.verifyConsistency(hasher, 0, 0, List.of(), hasher.emptyRoot(), hasher.emptyRoot());
    }
}
