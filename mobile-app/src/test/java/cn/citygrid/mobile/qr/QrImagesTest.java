package cn.citygrid.mobile.qr;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.testing.Pictures;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted camera's photographed codes must always be readable, whatever bytes a signature puts in them. */
class QrImagesTest {

    @Test
    void photographedCodesOfSignedCodeLength_allDecodeToTheirText(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[300];
            random.nextBytes(bytes);
            String text = "CG1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(QrImages.decode(Pictures.qr(dir, "code-" + i, text))).as("code %d", i).contains(text);
        }
    }
}
