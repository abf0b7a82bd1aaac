package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.TestResources;
import cn.citygrid.sync.protocol.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every line of vectors/merkle-rfc6962-sha256.txt, against the SHA-256 instance of the tree code. */
class Rfc6962VectorsTest {
    private static final Hasher SHA = TreeHasher.SHA256;
    private static final List<String[]> LINES = lines();
    private final TestTrees tree = build();

    private static List<String[]> lines() {
        List<String[]> out = new ArrayList<>();
        for (String raw : TestResources.text("merkle-rfc6962-sha256.txt").split("\n")) {
            String line = raw.replaceAll("#.*$", "").trim();
            if (!line.isEmpty() && !line.startsWith("[")) {
                out.add(line.split("\\s+"));
            }
        }
        return out;
    }

    private static List<String[]> lines(String kind) {
        return LINES.stream().filter(l -> l[0].equals(kind)).toList();
    }

    private static TestTrees build() {
        TestTrees t = new TestTrees(SHA);
        for (String[] l : lines("leaf")) {
            t.add(l[3].equals("-") ? new byte[0] : Hex.decode(l[3]));
        }
        return t;
    }

    private static List<byte[]> hashes(String csv) {
        return csv.equals("-") ? List.of() : Arrays.stream(csv.split(",")).map(Hex::decode).toList();
    }

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(Hex::encode).toList();
    }

    @Test
    void emptyRoot_isSha256OfNothing() {
        String expected = lines("sha256()").get(0)[2];
        assertThat(Hex.encode(SHA.emptyRoot())).isEqualTo(expected);
        assertThat(Hex.encode(MerkleProofs.root(SHA, tree.store, 0))).isEqualTo(expected);
    }

    @Test
    void roots_ofEveryPrefix_matchVectors() {
        assertThat(lines("root")).hasSize(8);
        for (String[] l : lines("root")) {
            int n = Integer.parseInt(l[1]);
            assertThat(Hex.encode(MerkleProofs.root(SHA, tree.store, n))).as("root %d", n).isEqualTo(l[3]);
            assertThat(Hex.encode(tree.roots.get(n))).as("appender root %d", n).isEqualTo(l[3]);
        }
    }

    @Test
    void storedPerfectNodes_matchNodeHashes() {
        assertThat(lines("node")).hasSize(15);
        for (String[] l : lines("node")) {
            byte[] stored = tree.store.node(Integer.parseInt(l[1]), Long.parseLong(l[2]));
            assertThat(Hex.encode(stored)).as("node %s %s", l[1], l[2]).isEqualTo(l[4]);
        }
    }

    @Test
    void inclusionProofs_areGeneratedExactly_andVerify() {
        assertThat(lines("incl")).hasSize(5);
        for (String[] l : lines("incl")) {
            long index = Long.parseLong(l[1]);
            long size = Long.parseLong(l[2]);
            List<byte[]> proof = MerkleProofs.inclusion(SHA, tree.store, index, size);
            assertThat(hex(proof)).as("incl %d %d", index, size).isEqualTo(hex(hashes(l[5])));
            assertThat(Hex.encode(tree.leafHash(index))).isEqualTo(l[3]);
            MerkleVerifier.verifyInclusion(SHA, index, size, Hex.decode(l[3]), hashes(l[5]), Hex.decode(l[4]));
        }
    }

    @Test
    void consistencyProofs_areGeneratedExactly_andVerify() {
        assertThat(lines("cons")).hasSize(5);
        for (String[] l : lines("cons")) {
            long size1 = Long.parseLong(l[1]);
            long size2 = Long.parseLong(l[2]);
            List<byte[]> proof = MerkleProofs.consistency(SHA, tree.store, size1, size2);
            assertThat(hex(proof)).as("cons %d %d", size1, size2).isEqualTo(hex(hashes(l[5])));
            MerkleVerifier.verifyConsistency(SHA, size1, size2, hashes(l[5]), Hex.decode(l[3]), Hex.decode(l[4]));
        }
    }

    @Test
    void hasher_matchesTransparencyDevLeafAndNodeVectors() {
        String[] leaf = lines("leafhash").get(0);
        assertThat(Hex.encode(SHA.hashLeaf(leaf[1].getBytes(StandardCharsets.US_ASCII)))).isEqualTo(leaf[3]);
        String[] node = lines("nodehash").get(0);
        byte[] h = SHA.hashChildren(node[1].getBytes(StandardCharsets.US_ASCII), node[2].getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.encode(h)).isEqualTo(node[4]);
    }
}
