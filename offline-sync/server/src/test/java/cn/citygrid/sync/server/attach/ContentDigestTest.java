package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
    @Test
    void streamedDigest_equalsProtocolSm3_acrossChunkBoundaries() throws Exception {
        for (int n : new int[] {0, 1, 65_535, 65_536, 65_537, 200_000}) {
            byte[] bytes = Sm3s.random(n, n);
            ContentDigest d = ContentDigest.of(new Trickle(new ByteArrayInputStream(bytes)), Long.MAX_VALUE);
            assertThat(d).as("size " + n).isEqualTo(new ContentDigest(Sm3s.hex(bytes), n));
        }
    }

    @Test
    void standardVectors_emptyAndAbc() throws Exception {
        assertThat(ContentDigest.of(InputStream.nullInputStream(), 10))
                .isEqualTo(new ContentDigest("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", 0));
        assertThat(ContentDigest.of(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), 10))
                .isEqualTo(new ContentDigest("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", 3));
    }

    @Test
    void overTheLimit_stopsReadingSoon_andReportsASizeAboveIt() throws Exception {
        Counting in = new Counting(new ByteArrayInputStream(new byte[10_000_000]));

        ContentDigest d = ContentDigest.of(in, 1_000_000);

        assertThat(d.size()).isGreaterThan(1_000_000);
        assertThat(in.read).isLessThanOrEqualTo(1_000_000 + 65_536);
    }

    /** Returns at most 1000 bytes a read, as a network stream may. */
    private static final class Trickle extends FilterInputStream {
        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1000));
        }
    }

    /** Counts the bytes handed out. */
    private static final class Counting extends FilterInputStream {
        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
