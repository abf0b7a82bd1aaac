package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MerkleAppenderTest {
    private static final Hasher H = TreeHasher.SM3;

    private static byte[] leaf(int i) {
        return H.hashLeaf(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
    }

    @Test
    void append_toEmptyTree_returnsIndexZeroAndLeafAsRoot() {
        MerkleAppender a = new MerkleAppender(H);
        assertThat(a.root()).isEqualTo(H.emptyRoot());
        MerkleAppender.Appended r = a.append(leaf(0));
        assertThat(r.index()).isZero();
        assertThat(r.root()).isEqualTo(leaf(0));
        assertThat(r.newNodes()).containsExactly(new PerfectNode(0, 0, leaf(0)));
    }

    @Test
    void appendAll_of1024LeavesToAStoredTree_persistsOnlyNewPerfectNodes() {
        TestTrees t = TestTrees.random(H, 1000, 3);
        MerkleAppender resumed = MerkleAppender.fromStore(H, t.store, 1000);
        assertThat(resumed.root()).isEqualTo(t.roots.get(1000));
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            batch.add(leaf(i));
        }
        MerkleAppender.Appended r = resumed.appendAll(batch);
        Set<String> positions = new HashSet<>();
        for (PerfectNode n : r.newNodes()) {
            long end = (n.index() + 1) << n.level();
            assertThat(end).as("node %s completes within the batch", n).isBetween(1001L, 2024L);
            assertThat(positions.add(n.level() + "/" + n.index())).as("node %s written once", n).isTrue();
        }
        // perfect nodes ending in (1000, 2024]: ⌊2024/2^l⌋ - ⌊1000/2^l⌋ per level
        int expected = 0;
        for (int l = 0; l < 12; l++) {
            expected += (2024 >> l) - (1000 >> l);
        }
        assertThat(r.newNodes()).hasSize(expected);
        t.store.putAll(r.newNodes());
        assertThat(MerkleProofs.root(H, t.store, 2024)).isEqualTo(r.root());
        MerkleVerifier.verifyInclusion(H, 1500, 2024, leaf(500), MerkleProofs.inclusion(H, t.store, 1500, 2024), r.root());
        MerkleVerifier.verifyConsistency(H, 1000, 2024, MerkleProofs.consistency(H, t.store, 1000, 2024),
                t.roots.get(1000), r.root());
    }

    @Test
    void appendOneByOne_andAppendAll_agree() {
        MerkleAppender single = new MerkleAppender(H);
        List<PerfectNode> nodes = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 77; i++) {
            nodes.addAll(single.append(leaf(i)).newNodes());
            batch.add(leaf(i));
        }
        MerkleAppender.Appended all = new MerkleAppender(H).appendAll(batch);
        assertThat(all.newNodes()).isEqualTo(nodes);
        assertThat(all.root()).isEqualTo(single.root());
        assertThat(nodes).hasSize(2 * 77 - Long.bitCount(77));
    }

    @Test
    void resume_fromBorderRoots_continuesTheSameTree() {
        MerkleAppender a = new MerkleAppender(H);
        for (int i = 0; i < 13; i++) {
            a.append(leaf(i));
        }
        MerkleAppender b = MerkleAppender.resume(H, 13, a.borderRoots());
        assertThat(a.borderRoots()).hasSize(3);
        assertThat(b.append(leaf(13)).root()).isEqualTo(a.append(leaf(13)).root());
    }

    @Test
    void borderPositions_areTheRightBorderPerfectSubtrees() {
        assertThat(MerkleAppender.borderPositions(13)).extracting(PerfectNode::level, PerfectNode::index)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 0L), org.assertj.core.groups.Tuple.tuple(2, 2L),
                        org.assertj.core.groups.Tuple.tuple(0, 12L));
    }

    @Test
    void resume_whenBorderCountWrong_failsPrecisely() {
        assertThatThrownBy(() -> MerkleAppender.resume(H, 13, List.of(leaf(0))))
                .hasMessage("got 1 border roots for size 13, want 3 (one per set bit)");
        assertThatThrownBy(() -> new MerkleAppender(H).append(new byte[31]))
                .hasMessage("got leaf hash of 31 bytes, want 32");
    }
}
