package cn.citygrid.sync.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    static final byte[] ROOT = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            ROOT[i] = (byte) i;
        }
    }

    @Test
    void body_isOriginSizeRootAndTimestampLines() {
        Checkpoint c = Checkpoint.of("ledger.citygrid.cn/log", 5, ROOT, Instant.ofEpochMilli(1764218707123L));
        assertThat(c.body()).isEqualTo("ledger.citygrid.cn/log\n5\n" + Base64.getEncoder().encodeToString(ROOT)
                + "\ntimestamp 1764218707123\n");
        assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
        assertThat(c.timestamp()).contains(Instant.ofEpochMilli(1764218707123L));
    }

    @Test
    void parse_acceptsC2spExampleBody_withoutExtensions() {
        Checkpoint c = Checkpoint.parse("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
        assertThat(c.size()).isEqualTo(20852163);
        assertThat(c.extensions()).isEmpty();
        assertThat(c.timestamp()).isEmpty();
    }

    @Test
    void parse_whenMalformed_namesTheLine() {
        String root = Base64.getEncoder().encodeToString(ROOT);
        assertThatThrownBy(() -> Checkpoint.parse("o\n05\n" + root + "\n"))
                .hasMessage("checkpoint size line: got '05', want a decimal without leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n" + root)).hasMessageContaining("without a final newline");
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n")).hasMessage("checkpoint body: got 2 lines, want at least 3");
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n!!\n")).hasMessage("checkpoint root line: got '!!', want base64");
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\nAAEC\n")).hasMessage("checkpoint root: got 3 bytes, want 32");
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n" + root + "\n\n")).hasMessage("extension line: got an empty line, want non-empty");
        assertThatThrownBy(() -> Checkpoint.parse("\n5\n" + root + "\n")).hasMessage("origin: got an empty line, want non-empty");
        assertThatThrownBy(() -> Checkpoint.parse("o\n99999999999999999999\n" + root + "\n")).hasMessageContaining("want a decimal");
    }

    @Test
    void timestamp_whenMalformedOrRepeated_fails() {
        assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("timestamp 1", "timestamp 2")))
                .hasMessage("checkpoint: got several timestamp lines, want at most one");
        assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("timestamp 01")).timestamp())
                .hasMessage("checkpoint timestamp line: got 'timestamp 01', want 'timestamp <unix ms>'");
    }
}
