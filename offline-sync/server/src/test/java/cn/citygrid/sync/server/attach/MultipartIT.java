package cn.citygrid.sync.server.attach;

import static cn.citygrid.sync.server.attach.SinglePutIT.kind;
import static cn.citygrid.sync.server.attach.TestStore.await;
import static cn.citygrid.sync.server.attach.TestStore.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files over 16 MiB: one multipart upload per (account, sm3) that resumes where it stopped. */
class MultipartIT {
    static final int MIB = 1 << 20;
    /** 8 + 8 + 1 MiB: two full parts and a tail. */
    static final byte[] FILE = Sm3s.random(17 * MIB, 42);
    static final String SM3 = Sm3s.hex(FILE);

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
    void askingAgain_returnsTheSameUpload_withUrlsOnlyForMissingParts_thenCompletes() {
        long account = t.newAccount();
        Slot.Multipart first = multipart(account);
        assertThat(first.partSize()).isEqualTo(8L * MIB);
        assertThat(first.parts()).extracting(PartUrl::partNumber).containsExactly(1, 2, 3);
        assertThat(first.uploadedParts()).isEmpty();
        assertThat(first.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(first.parts().get(0).url()).contains("X-Amz-Expires=3600").contains("partNumber=1");
        String etag1 = putPart(first, 1);
        String etag2 = putPart(first, 2);

        Slot.Multipart again = multipart(account);

        assertThat(again.uploadId()).isEqualTo(first.uploadId());
        assertThat(again.parts()).extracting(PartUrl::partNumber).containsExactly(3);
        assertThat(again.uploadedParts()).containsExactly(new Part(1, etag1), new Part(2, etag2));
        String etag3 = putPart(again, 3);
        await(t.store.complete(account, SM3, again.uploadId(),
                List.of(new Part(1, etag1), new Part(2, etag2), new Part(3, etag3))));

        assertThat(await(t.store.sizes(account, List.of(SM3)))).isEqualTo(Map.of(SM3, 17L * MIB));
        byte[] stored = t.get(await(t.store.presignedGet(account, SM3, Duration.ofMinutes(1)))).body();
        assertThat(Sm3s.hex(stored)).isEqualTo(SM3);
        assertThat(multipart(account)).isNull();
    }

    @Test
    void complete_withoutPartList_usesThePartsS3Holds() {
        long account = t.newAccount();
        Slot.Multipart slot = multipart(account);
        for (PartUrl p : slot.parts()) {
            putPart(slot, p.partNumber());
        }

        await(t.store.complete(account, SM3, slot.uploadId(), List.of()));

        assertThat(await(t.store.sizes(account, List.of(SM3)))).containsEntry(SM3, 17L * MIB);
    }

    @Test
    void aShortPart_isOfferedAgain() {
        long account = t.newAccount();
        Slot.Multipart slot = multipart(account);
        assertThat(t.put(slot.parts().get(0).url(), Map.of(), Arrays.copyOf(FILE, MIB)).statusCode()).isEqualTo(200);

        Slot.Multipart again = multipart(account);

        assertThat(again.uploadedParts()).isEmpty();
        assertThat(again.parts()).extracting(PartUrl::partNumber).containsExactly(1, 2, 3);
    }

    @Test
    void complete_withAWrongEtag_failsInvalidParts() {
        long account = t.newAccount();
        Slot.Multipart slot = multipart(account);
        List<Part> parts = new ArrayList<>();
        for (PartUrl p : slot.parts()) {
            parts.add(new Part(p.partNumber(), putPart(slot, p.partNumber())));
        }
        parts.set(1, new Part(2, "\"00000000000000000000000000000000\""));

        assertThat(kind(failure(t.store.complete(account, SM3, slot.uploadId(), parts))))
                .isEqualTo(AttachmentException.Kind.INVALID_PARTS);
        assertThat(await(t.store.sizes(account, List.of(SM3)))).isEmpty();
    }

    @Test
    void partsOfOtherBytes_failHashMismatch_andTheNextAskStartsAFreshUpload() {
        long account = t.newAccount();
        Slot.Multipart slot = multipart(account);
        byte[] other = FILE.clone();
        other[FILE.length - 1] ^= 1;
        List<Part> parts = new ArrayList<>();
        for (PartUrl p : slot.parts()) {
            parts.add(new Part(p.partNumber(), putPart(slot, p.partNumber(), other)));
        }

        assertThat(kind(failure(t.store.complete(account, SM3, slot.uploadId(), parts))))
                .isEqualTo(AttachmentException.Kind.HASH_MISMATCH);

        Slot.Multipart fresh = multipart(account);
        assertThat(fresh.uploadId()).isNotEqualTo(slot.uploadId());
        assertThat(fresh.uploadedParts()).isEmpty();
    }

    /** The multipart slot for FILE, or null when it is present. */
    private static Slot.Multipart multipart(long account) {
        Slot slot = t.slot(account, new AttachmentRequest(SM3, FILE.length, "video/mp4"));
        return slot instanceof Slot.Present ? null : (Slot.Multipart) slot;
    }

    private static String putPart(Slot.Multipart slot, int n) {
        return putPart(slot, n, FILE);
    }

    private static String putPart(Slot.Multipart slot, int n, byte[] file) {
        String url = slot.parts().stream().filter(p -> p.partNumber() == n).findFirst().orElseThrow().url();
        int from = (int) ((n - 1) * slot.partSize());
        int to = (int) Math.min(file.length, n * slot.partSize());
        HttpResponse<String> answer = t.put(url, Map.of(), Arrays.copyOfRange(file, from, to));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("ETag").orElseThrow();
    }
}
