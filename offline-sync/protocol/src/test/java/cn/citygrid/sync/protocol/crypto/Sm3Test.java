package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.TestResources;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Sm3Test {
    private static String vector(String name) {
        for (String line : TestResources.text("sm3.txt").split("\n")) {
            if (line.startsWith(name + " |")) {
                String[] cols = line.split("\\|");
                return cols[2].trim() + " " + cols[3].trim();
            }
        }
        throw new IllegalStateException("no vector " + name);
    }

    @Test
    void digest_ofAbc_matchesGbT32905AnnexA1() {
        String[] v = vector("A.1").split(" ");
        assertThat(Sm3.hex(Hex.decode(v[0]))).isEqualTo(v[1]);
    }

    @Test
    void digest_of64ByteMessage_matchesGbT32905AnnexA2() {
        String[] v = vector("A.2").split(" ");
        assertThat(Sm3.hex(Hex.decode(v[0]))).isEqualTo(v[1]);
    }

    @Test
    void digest_ofEmptyAndMillionA_matchesSupplementaryVectors() {
        assertThat(Sm3.hex(new byte[0])).isEqualTo("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertThat(Sm3.hex(million)).isEqualTo("c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3");
    }

    @Test
    void digest_ofParts_equalsDigestOfConcatenation() {
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "c".getBytes(StandardCharsets.US_ASCII);
        assertThat(Sm3.digest(ab, c)).isEqualTo(Sm3.digest("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
