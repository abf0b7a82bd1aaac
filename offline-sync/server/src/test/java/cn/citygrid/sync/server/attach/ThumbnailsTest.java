package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
    @Test
    void fit_scalesTheLongestSideToPx_andKeepsTheAspect() {
        assertThat(size(Thumbnails.fit(rgb(4000, 3000), 1024))).isEqualTo("1024x768");
        assertThat(size(Thumbnails.fit(rgb(3000, 4000), 256))).isEqualTo("192x256");
        assertThat(size(Thumbnails.fit(rgb(5000, 10), 256))).as("never below one pixel").isEqualTo("256x1");
        assertThat(size(Thumbnails.fit(rgb(1024, 1024), 1024))).isEqualTo("1024x1024");
    }

    @Test
    void twelveMegapixelPhoto_decodedSubsampled_stillGivesExactSides() throws Exception {
        byte[] photo = Pictures.encode(4032, 3024, "jpeg", false, 9); // read every 3rd pixel: 1344x1008

        Map<Integer, byte[]> thumbs = Thumbnails.of(new ByteArrayInputStream(photo));

        assertThat(size(Pictures.decode(thumbs.get(1024)))).isEqualTo("1024x768");
        assertThat(size(Pictures.decode(thumbs.get(256)))).isEqualTo("256x192");
    }

    @Test
    void bytesThatAreNoPicture_giveNoThumbnails() throws Exception {
        assertThat(Thumbnails.of(new ByteArrayInputStream(Sm3s.random(1000, 1)))).isEmpty();
        byte[] truncated = Arrays.copyOf(Pictures.encode(300, 200, "png", false, 2), 100);
        assertThat(Thumbnails.of(new ByteArrayInputStream(truncated))).isEmpty();
    }

    private static BufferedImage rgb(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    private static String size(BufferedImage img) {
        return img.getWidth() + "x" + img.getHeight();
    }
}
