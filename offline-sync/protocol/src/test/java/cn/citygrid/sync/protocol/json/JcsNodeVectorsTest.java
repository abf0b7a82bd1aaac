package cn.citygrid.sync.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.TestResources;
import org.junit.jupiter.api.Test;

/** 4,000 doubles whose expected text was printed by V8 (Node.js JSON.stringify), the reference ES engine. */
class JcsNodeVectorsTest {
    @Test
    void number_matchesV8ForEveryVector() {
        int checked = 0;
        for (String line : TestResources.text("jcs-numbers-node.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
            assertThat(Jcs.canonicalize(d)).as("0x%s", f[0]).isEqualTo(f[1]);
            checked++;
        }
        assertThat(checked).isEqualTo(4000);
    }
}
