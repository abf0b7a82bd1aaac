package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Proof generation reads O(log n) stored perfect nodes and never rebuilds the tree. */
class MerkleProofsTest {
    private static final Hasher H = TreeHasher.SM3;

    /** A store that counts reads. */
    private static final class CountingStore implements NodeStore {
        private final NodeStore inner;
        int reads;

        CountingStore(NodeStore inner) {
            this.inner = inner;
        }

        @Override
        public byte[] node(int level, long index) {
            reads++;
            return inner.node(level, index);
        }
    }

    @Test
    void proofs_inA10000LeafTree_readAtMostTwiceLog2nStoredNodes() {
        TestTrees t = TestTrees.random(H, 10_000, 5);
        CountingStore store = new CountingStore(t.store);
        int log2n = 14;
        Random random = new Random(9);
        for (int s = 0; s < 300; s++) {
            long index = random.nextInt(10_000);
            store.reads = 0;
            MerkleProofs.inclusion(H, store, index, 10_000);
            assertThat(store.reads).as("reads for inclusion of %d", index).isLessThanOrEqualTo(2 * log2n);
            long size1 = 1 + random.nextInt(9_999);
            store.reads = 0;
            MerkleProofs.consistency(H, store, size1, 10_000);
            assertThat(store.reads).as("reads for consistency from %d", size1).isLessThanOrEqualTo(2 * log2n + 1);
        }
        store.reads = 0;
        MerkleProofs.root(H, store, 10_000);
        assertThat(store.reads).isEqualTo(Long.bitCount(10_000));
    }
}
