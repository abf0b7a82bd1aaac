package cn.citygrid.sync.protocol.merkle;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The largest tree the property tests reach, always run: exactly 10,000 leaves. */
class LargeTreeProofTest {
    @Test
    void tenThousandLeafTree_inclusionAndConsistency_holdUnderAlteration() {
        TestTrees t = TestTrees.random(TreeHasher.SM3, 10_000, 10_000);
        MerkleProofPropertiesTest.checkInclusion(t, new Random(1), 25);
        MerkleProofPropertiesTest.checkConsistency(t, new Random(2), 15);
    }

}
