package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleVerifierTest {
    private static final Hasher H = TreeHasher.SM3;
    private final TestTrees t = TestTrees.random(H, 8, 1);

    @Test
    void verifyInclusion_whenLeafModified_fails() {
        List<byte[]> proof = MerkleProofs.inclusion(H, t.store, 5, 8);
        byte[] leaf = t.leafHash(5);
        leaf[0] ^= 1;
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(H, 5, 8, leaf, proof, t.roots.get(8)))
                .isInstanceOf(ProofException.class).hasMessageStartingWith("calculated root ");
    }

    @Test
    void verifyInclusion_reportsPreconditionsAsGotWant() {
        List<byte[]> proof = MerkleProofs.inclusion(H, t.store, 5, 8);
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(H, 8, 8, t.leafHash(5), proof, t.roots.get(8)))
                .hasMessage("got index 8, want 0 <= index < size 8");
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(H, 5, 8, new byte[3], proof, t.roots.get(8)))
                .hasMessage("got leaf hash of 3 bytes, want 32");
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(H, 5, 8, t.leafHash(5), proof.subList(0, 2), t.roots.get(8)))
                .hasMessage("got proof of 2 hashes, want 3");
        List<byte[]> shortHash = new ArrayList<>(proof);
        shortHash.set(1, new byte[31]);
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(H, 5, 8, t.leafHash(5), shortHash, t.roots.get(8)))
                .hasMessage("got proof[1] of 31 bytes, want 32");
    }

    @Test
    void verifyConsistency_reportsPreconditionsAsGotWant() {
        List<byte[]> proof = MerkleProofs.consistency(H, t.store, 3, 8);
        byte[] r3 = t.roots.get(3);
        byte[] r8 = t.roots.get(8);
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 8, 3, proof, r8, r3))
                .hasMessage("got sizes 8 -> 3, want 0 <= size1 <= size2");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 0, 8, List.of(), H.emptyRoot(), r8))
                .hasMessageStartingWith("got size1 0, want > 0");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 8, 8, proof, r8, r8))
                .hasMessage("got 4 proof hashes for equal sizes 8, want 0");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 3, 8, proof.subList(1, 4), r3, r8))
                .hasMessage("got proof of 3 hashes, want 4");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 3, 8, proof, r8, r8))
                .hasMessageStartingWith("calculated root1 ");
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(H, 3, 8, proof, r3, r3))
                .hasMessageStartingWith("calculated root2 ");
    }

    @Test
    void proofGeneration_outsideTheTree_failsPrecisely() {
        assertThatThrownBy(() -> MerkleProofs.inclusion(H, t.store, 8, 8)).hasMessage("got index 8, want 0 <= index < size 8");
        assertThatThrownBy(() -> MerkleProofs.consistency(H, t.store, 0, 8)).hasMessage("got sizes 0 -> 8, want 0 < size1 <= size2");
        assertThatThrownBy(() -> MerkleProofs.root(H, t.store, 9)).hasMessage("no stored node at level 0, index 8");
    }
}
