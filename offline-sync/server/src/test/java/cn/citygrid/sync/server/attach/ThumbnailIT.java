package cn.citygrid.sync.server.attach;

import static cn.citygrid.sync.server.attach.SinglePutIT.kind;
import static cn.citygrid.sync.server.attach.TestStore.await;
import static cn.citygrid.sync.server.attach.TestStore.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 256 and 1024 px JPEG thumbnails of pictures the JDK can decode: none at complete(), every size made and stored
 * by the first thumbnail() request.
 */
class ThumbnailIT {
    @TempDir
    static Path dir;
    static TestStore t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestStore(dir, 1);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aPicture_getsItsThumbnails_whenOneIsFirstAskedFor_andKeepsEverySize() {
        long account = t.newAccount();
        byte[] photo = Pictures.encode(800, 600, "jpeg", false, 6);
        String sm3 = Sm3s.hex(photo);
        t.upload(account, photo, "image/jpeg");

        try (S3Objects s3 = new S3Objects(t.config)) {
            for (int px : Thumbnails.SIZES) {
                assertThat(s3.stat(ObjectKeys.thumbnail(account, sm3, px))).as("none before it is asked for").isEmpty();
            }
            assertSize(thumbnail(account, photo, 256), 256, 192);
            for (int px : Thumbnails.SIZES) {
                assertThat(s3.stat(ObjectKeys.thumbnail(account, sm3, px))).as(px + " px")
                        .hasValueSatisfying(stat -> assertThat(stat.contentType()).isEqualTo("image/jpeg"));
            }
        }
    }

    @Test
    void thumbnail_ofAPngPutStraightIntoS3_isMadeOnRequest_andStored() {
        long account = t.newAccount();
        byte[] png = Pictures.encode(640, 480, "png", false, 7);
        String sm3 = Sm3s.hex(png);
        try (S3Objects s3 = new S3Objects(t.config)) { // present without passing through complete
            s3.put(ObjectKeys.verified(account, sm3), png, "image/png");
            assertThat(s3.stat(ObjectKeys.thumbnail(account, sm3, 256))).isEmpty();

            assertSize(thumbnail(account, png, 256), 256, 192);

            assertThat(s3.stat(ObjectKeys.thumbnail(account, sm3, 1024))).as("every size stored").isPresent();
        }
    }

    @Test
    void landscapeJpeg_getsThumbnailsWhoseLongestSideIs256And1024() {
        long account = t.newAccount();
        byte[] photo = Pictures.encode(1600, 1200, "jpeg", false, 1);
        t.upload(account, photo, "image/jpeg");

        assertSize(thumbnail(account, photo, 1024), 1024, 768);
        assertSize(thumbnail(account, photo, 256), 256, 192);
    }

    @Test
    void portraitPngWithTransparency_getsJpegThumbnails() {
        long account = t.newAccount();
        byte[] png = Pictures.encode(900, 1400, "png", true, 2);
        t.upload(account, png, "image/png");

        byte[] jpeg = await(t.store.thumbnail(account, Sm3s.hex(png), 1024));
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        assertSize(Pictures.decode(jpeg), 658, 1024);
        assertSize(thumbnail(account, png, 256), 165, 256);
    }

    @Test
    void smallPicture_isNotEnlarged() {
        long account = t.newAccount();
        byte[] png = Pictures.encode(200, 100, "png", false, 3);
        t.upload(account, png, "image/png");

        assertSize(thumbnail(account, png, 1024), 200, 100);
        assertSize(thumbnail(account, png, 256), 200, 100);
    }

    @Test
    void undecodablePicture_isPresent_withoutThumbnails() {
        long account = t.newAccount();
        byte[] heic = Sm3s.random(5000, 4); // the JDK reads no HEIC; these bytes are not even one
        t.upload(account, heic, "image/heic");

        assertThat(await(t.store.sizes(account, List.of(Sm3s.hex(heic))))).containsKey(Sm3s.hex(heic));
        assertThat(kind(failure(t.store.thumbnail(account, Sm3s.hex(heic), 256))))
                .isEqualTo(AttachmentException.Kind.NOT_FOUND);
    }

    @Test
    void audio_getsNoThumbnails_andOtherSizesAreRejected() {
        long account = t.newAccount();
        byte[] audio = Pictures.encode(300, 300, "png", false, 5); // a decodable picture sent as audio
        t.upload(account, audio, "audio/mpeg");

        assertThat(kind(failure(t.store.thumbnail(account, Sm3s.hex(audio), 256))))
                .isEqualTo(AttachmentException.Kind.NOT_FOUND);
        assertThat(failure(t.store.thumbnail(account, Sm3s.hex(audio), 512)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got px 512");
    }

    @Test
    void thumbnail_ofAnAbsentAttachment_failsNotFound() {
        assertThat(kind(failure(t.store.thumbnail(t.newAccount(), Sm3s.hex(new byte[3]), 256))))
                .isEqualTo(AttachmentException.Kind.NOT_FOUND);
    }

    private static BufferedImage thumbnail(long account, byte[] original, int px) {
        return Pictures.decode(await(t.store.thumbnail(account, Sm3s.hex(original), px)));
    }

    private static void assertSize(BufferedImage img, int w, int h) {
        assertThat(img.getWidth() + "x" + img.getHeight()).isEqualTo(w + "x" + h);
    }
}
