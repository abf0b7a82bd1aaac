package cn.citygrid.sync.server.attach;

import static cn.citygrid.sync.server.attach.TestStore.await;
import static cn.citygrid.sync.server.attach.TestStore.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files up to 16 MiB: one presigned PUT, then complete (docs/sync-protocol.md §4), over real HTTP. */
class SinglePutIT {
    @TempDir
    static Path dir;
    static TestStore t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestStore(dir);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void putThenComplete_makesObjectPresent_andSizesSeesIt() {
        long account = t.newAccount();
        byte[] photo = Sm3s.random(200_000, 1);
        String sm3 = Sm3s.hex(photo);
        Slot.Put slot = (Slot.Put) t.slot(account, new AttachmentRequest(sm3, photo.length, "image/jpeg"));

        assertThat(slot.headers()).isEqualTo(Map.of("Content-Type", "image/jpeg"));
        assertThat(URI.create(slot.url()).getPath()).isEqualTo("/" + TestStore.BUCKET + "/incoming/" + account + "/" + sm3 + "/upload");
        assertThat(t.put(slot.url(), slot.headers(), photo).statusCode()).isEqualTo(200);
        assertThat(await(t.store.sizes(account, List.of(sm3)))).as("not present before complete").isEmpty();

        await(t.store.complete(account, sm3, null, List.of()));

        assertThat(await(t.store.sizes(account, List.of(sm3, Sm3s.hex(new byte[1]))))).isEqualTo(Map.of(sm3, 200_000L));
        assertThat(t.slot(account, new AttachmentRequest(sm3, photo.length, "image/jpeg"))).isEqualTo(new Slot.Present(sm3));
        byte[] stored = t.get(await(t.store.presignedGet(account, sm3, Duration.ofMinutes(5)))).body();
        assertThat(Sm3s.hex(stored)).isEqualTo(sm3);
    }

    /**
     * Record intake asks for the sizes of every attachment: a node answers those it verified itself from memory.
     * Shown by removing the object behind the store's back (nothing in the platform does): the node that
     * verified it still knows it, a second node asks S3 and finds nothing.
     */
    @Test
    void sizes_ofObjectsThisNodeVerified_areKnownWithoutAskingS3() {
        long account = t.newAccount();
        byte[] photo = Sm3s.random(30_000, 4);
        String sm3 = Sm3s.hex(photo);
        t.upload(account, photo, "image/jpeg");
        try (AttachmentStore otherNode = new AttachmentStore(t.vertx, t.workers, t.config, t.clock);
             S3Objects behindItsBack = new S3Objects(t.config)) {
            assertThat(await(otherNode.sizes(account, List.of(sm3)))).as("another node asks S3").isEqualTo(Map.of(sm3, 30_000L));
            behindItsBack.delete(ObjectKeys.verified(account, sm3));
            assertThat(await(t.store.sizes(account, List.of(sm3)))).as("the node that verified it").isEqualTo(Map.of(sm3, 30_000L));
        }
        try (AttachmentStore freshNode = new AttachmentStore(t.vertx, t.workers, t.config, t.clock)) {
            assertThat(await(freshNode.sizes(account, List.of(sm3)))).as("a node that never saw it").isEmpty();
        }
    }

    @Test
    void complete_ofWrongBytes_failsHashMismatch_andNothingReachesAtt() {
        long account = t.newAccount();
        byte[] announced = Sm3s.random(50_000, 2);
        byte[] sent = Sm3s.random(50_000, 3);
        String sm3 = Sm3s.hex(announced);
        Slot.Put slot = (Slot.Put) t.slot(account, new AttachmentRequest(sm3, announced.length, "audio/mp4"));
        assertThat(t.put(slot.url(), slot.headers(), sent).statusCode()).isEqualTo(200);

        Throwable e = failure(t.store.complete(account, sm3, null, List.of()));

        assertThat(e).isInstanceOfSatisfying(AttachmentException.class, a -> {
            assertThat(a.kind()).isEqualTo(AttachmentException.Kind.HASH_MISMATCH);
            assertThat(a.expected()).isEqualTo(sm3);
            assertThat(a.actual()).isEqualTo(Sm3s.hex(sent));
        });
        assertThat(await(t.store.sizes(account, List.of(sm3)))).isEmpty();
        assertThat(kind(failure(t.store.complete(account, sm3, null, List.of()))))
                .as("the incoming object was deleted").isEqualTo(AttachmentException.Kind.UPLOAD_NOT_FOUND);
    }

    @Test
    void complete_withoutUpload_failsUploadNotFound() {
        long account = t.newAccount();
        String sm3 = Sm3s.hex(Sm3s.random(10, 4));

        assertThat(kind(failure(t.store.complete(account, sm3, null, List.of()))))
                .isEqualTo(AttachmentException.Kind.UPLOAD_NOT_FOUND);
        assertThat(kind(failure(t.store.complete(account, sm3, "no-such-upload", List.of(new Part(1, "\"x\""))))))
                .isEqualTo(AttachmentException.Kind.UPLOAD_NOT_FOUND);
    }

    @Test
    void complete_whenAlreadyPresent_succeedsAgain() {
        long account = t.newAccount();
        byte[] bytes = Sm3s.random(1000, 5);
        t.upload(account, bytes, "application/pdf");

        await(t.store.complete(account, Sm3s.hex(bytes), null, List.of()));
        await(t.store.complete(account, Sm3s.hex(bytes), "stale-upload-id", List.of()));

        assertThat(await(t.store.sizes(account, List.of(Sm3s.hex(bytes))))).containsEntry(Sm3s.hex(bytes), 1000L);
    }

    @Test
    void putUrl_withAnotherContentType_isRefusedByS3() {
        long account = t.newAccount();
        byte[] bytes = Sm3s.random(1000, 6);
        Slot.Put slot = (Slot.Put) t.slot(account, new AttachmentRequest(Sm3s.hex(bytes), bytes.length, "image/png"));

        HttpResponse<String> answer = t.put(slot.url(), Map.of("Content-Type", "text/html"), bytes);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("SignatureDoesNotMatch");
        assertThat(kind(failure(t.store.complete(account, Sm3s.hex(bytes), null, List.of()))))
                .isEqualTo(AttachmentException.Kind.UPLOAD_NOT_FOUND);
    }

    @Test
    void putUrl_livesFifteenMinutes_andIsRefusedOnceExpired() {
        long account = t.newAccount();
        byte[] bytes = Sm3s.random(1000, 7);
        t.clock.shift(Duration.ofMinutes(-16));
        Slot.Put slot;
        try {
            slot = (Slot.Put) t.slot(account, new AttachmentRequest(Sm3s.hex(bytes), bytes.length, "image/jpeg"));
        } finally {
            t.clock.shift(Duration.ZERO);
        }

        assertThat(slot.url()).contains("X-Amz-Expires=900").contains("X-Amz-SignedHeaders=content-type%3Bhost");
        assertThat(slot.expiresAt()).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofMinutes(2)));
        HttpResponse<String> answer = t.put(slot.url(), slot.headers(), bytes);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("expired");
    }

    @Test
    void twoAccounts_uploadingTheSameBytes_getSeparateObjects() {
        long a = t.newAccount();
        long b = t.newAccount();
        byte[] bytes = Sm3s.random(3000, 8);
        String sm3 = Sm3s.hex(bytes);
        t.upload(a, bytes, "image/webp");

        assertThat(t.slot(b, new AttachmentRequest(sm3, bytes.length, "image/webp")))
                .as("a known hash does not borrow another worker's file").isInstanceOf(Slot.Put.class);
        assertThat(await(t.store.sizes(b, List.of(sm3)))).isEmpty();
        t.upload(b, bytes, "image/webp");

        assertThat(await(t.store.sizes(a, List.of(sm3)))).containsEntry(sm3, 3000L);
        assertThat(await(t.store.sizes(b, List.of(sm3)))).containsEntry(sm3, 3000L);
        String urlA = await(t.store.presignedGet(a, sm3, Duration.ofMinutes(1)));
        String urlB = await(t.store.presignedGet(b, sm3, Duration.ofMinutes(1)));
        assertThat(URI.create(urlA).getPath()).endsWith("/att/" + a + "/" + sm3);
        assertThat(URI.create(urlB).getPath()).endsWith("/att/" + b + "/" + sm3);
    }

    @Test
    void slots_refuseOverOneGiB_andMediaTypesOutsideTheList_withoutTouchingS3() {
        long account = t.newAccount();
        String sm3 = Sm3s.hex(new byte[] {9});
        List<Slot> slots = await(t.store.slots(account, List.of(
                new AttachmentRequest(sm3, (1L << 30) + 1, "video/mp4"),
                new AttachmentRequest(sm3, 10, "text/html"),
                new AttachmentRequest(sm3, 1L << 30, "VIDEO/MP4; codecs=avc1"),
                new AttachmentRequest(sm3, 10, "image/jpeg"))));

        assertThat(((Slot.Refused) slots.get(0)).reason()).isEqualTo(Slot.Refused.Reason.TOO_LARGE);
        assertThat(((Slot.Refused) slots.get(1)).reason()).isEqualTo(Slot.Refused.Reason.MEDIA_TYPE);
        assertThat(((Slot.Refused) slots.get(1)).detailEn()).contains("text/html");
        assertThat(((Slot.Refused) slots.get(1)).detailZh()).contains("text/html");
        assertThat(slots.get(2)).as("exactly 1 GiB is taken, media type compared without parameters")
                .isInstanceOfSatisfying(Slot.Multipart.class, m -> assertThat(m.parts()).hasSize(128));
        assertThat(slots.get(3)).isInstanceOfSatisfying(Slot.Put.class,
                p -> assertThat(p.headers()).containsEntry("Content-Type", "image/jpeg"));
    }

    @Test
    void presignedGet_ofMissingObject_failsNotFound() {
        assertThat(kind(failure(t.store.presignedGet(t.newAccount(), Sm3s.hex(new byte[2]), Duration.ofMinutes(1)))))
                .isEqualTo(AttachmentException.Kind.NOT_FOUND);
    }

    @Test
    void malformedSm3_failsWithGotWant() {
        assertThat(failure(t.store.sizes(1, List.of("../../etc"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got sm3 '../../etc'");
    }

    static AttachmentException.Kind kind(Throwable e) {
        assertThat(e).isInstanceOf(AttachmentException.class);
        return ((AttachmentException) e).kind();
    }
}
