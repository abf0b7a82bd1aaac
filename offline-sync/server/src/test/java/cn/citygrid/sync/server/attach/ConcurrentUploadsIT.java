package cn.citygrid.sync.server.attach;

import static cn.citygrid.sync.server.attach.TestStore.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several phones of one account syncing photos at once, as after a shift without network: slot, presigned PUT
 * and complete interleave on the same incoming/ and att/ folders while thumbnail jobs run beside them.
 */
class ConcurrentUploadsIT {
    static final int PHONES = 4;
    static final int PHOTOS_EACH = 8;

    @TempDir
    static Path dir;
    static TestStore t;
    static byte[] photo;

    @BeforeAll
    static void start() throws Exception {
        t = new TestStore(dir);
        photo = Pictures.encode(2048, 1536, "jpeg", false, 7); // ~200 KB, a typical field photo
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void fourPhonesOfOneAccount_uploadingAtOnce_allPhotosBecomePresent_withThumbnails() throws Exception {
        long account = t.newAccount();
        ExecutorService phones = Executors.newFixedThreadPool(PHONES);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PHONES * PHOTOS_EACH; i++) {
                byte[] bytes = distinct(i);
                done.add(phones.submit(() -> t.upload(account, bytes, "image/jpeg")));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            phones.shutdown();
        }

        List<String> sm3s = new ArrayList<>();
        for (int i = 0; i < PHONES * PHOTOS_EACH; i++) {
            sm3s.add(Sm3s.hex(distinct(i)));
        }
        Map<String, Long> sizes = await(t.store.sizes(account, sm3s));
        assertThat(sizes).hasSize(sm3s.size()).allSatisfy((sm3, size) -> assertThat(size).isEqualTo(photo.length + 8L));
        for (String sm3 : sm3s) {
            BufferedImage small = Pictures.decode(await(t.store.thumbnail(account, sm3, 256)));
            assertThat(small.getWidth() + "x" + small.getHeight()).as(sm3).isEqualTo("256x192");
        }
    }

    /** The photo with a counter after its end-of-image marker: a distinct SM3, still a decodable JPEG. */
    private static byte[] distinct(int i) {
        return ByteBuffer.allocate(photo.length + 8).put(photo).putLong(i).array();
    }
}
