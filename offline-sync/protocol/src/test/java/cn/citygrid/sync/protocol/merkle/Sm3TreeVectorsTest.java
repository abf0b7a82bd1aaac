package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.TestResources;
import cn.citygrid.sync.protocol.crypto.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SM3 ledger tree vectors published in docs/ledger.md (vectors/merkle-sm3-citygrid.txt). */
class Sm3TreeVectorsTest {
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final Hasher SM3 = TreeHasher.SM3;

    @Test
    void sm3Tree_matchesPublishedRootsAndProofs() {
        TestTrees t = new TestTrees(SM3);
        Arrays.stream(LEAVES).map(Hex::decode).forEach(t::add);
        int checked = 0;
        for (String line : TestResources.text("merkle-sm3-citygrid.txt").split("\n")) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "empty" -> assertThat(Hex.encode(SM3.emptyRoot())).isEqualTo(f[1]);
                case "root" -> assertThat(Hex.encode(MerkleProofs.root(SM3, t.store, Integer.parseInt(f[1])))).isEqualTo(f[2]);
                case "incl" -> assertThat(hex(MerkleProofs.inclusion(SM3, t.store, 5, 8))).isEqualTo(List.of(f[3].split(",")));
                case "cons" -> assertThat(hex(MerkleProofs.consistency(SM3, t.store, 6, 8))).isEqualTo(List.of(f[3].split(",")));
                default -> {
                    continue;
                }
            }
            checked++;
        }
        assertThat(checked).isEqualTo(11);
    }

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(Hex::encode).toList();
    }
}
