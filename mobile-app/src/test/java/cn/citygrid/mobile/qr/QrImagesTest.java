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

    /** ZXing's detector misses this photo as taken (its data imitates a finder pattern); a smaller copy reads. */
    @Test
    void aCodeTheDetectorMissesAtFullSize_readsFromASmallerCopy(@TempDir Path dir) throws Exception {
        String text = "CG1.aMcrw3fl8IZfoQeilf7_nrpqrTZiw_uotwB2S8G1FKFuzLl0imQkItt8c4q3utGmWO5uT5xgSY93opxKfInFBJ-26Gs4Us"
                + "Vs2-TTFPJJUQGzGela1Oup8BFbXgldSTXLfm-EReD2nAgyumbxIgitONlnISkroWPO9SAFFtDfF1tBUh-_hLwKwIiIvzU";
        assertThat(QrImages.decode(Pictures.qr(dir, "finder-lookalike", text))).contains(text);
    }
}
