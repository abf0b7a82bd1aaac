package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded S3 where s3proxy's filesystem store alone falls short: a delete removes the folders it leaves
 * empty, and a PUT into one of them at that moment used to fail with 500 (NoSuchFileException).
 */
class EmbeddedS3IT {
    static final int PHONES = 4;
    static final int ROUNDS = 150;

    @TempDir
    static Path dir;
    static EmbeddedS3 s3;
    static S3Objects objects;
    static Presigner presigner;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(dir, TestStore.ACCESS, TestStore.SECRET);
        ObjectStoreConfig config = new ObjectStoreConfig(s3.endpoint(), TestStore.ACCESS, TestStore.SECRET,
                TestStore.BUCKET, "us-east-1");
        objects = new S3Objects(config);
        presigner = new Presigner(config, Clock.systemUTC());
        objects.ensureBucket();
    }

    @AfterAll
    static void stop() {
        objects.close();
        s3.close();
    }

    @Test
    void presignedPuts_whileDeletesEmptyTheSameFolder_allSucceed() throws Exception {
        ExecutorService phones = Executors.newFixedThreadPool(PHONES);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int p = 0; p < PHONES; p++) {
                done.add(phones.submit(putThenDelete(p)));
            }
            int rounds = 0;
            for (Future<Integer> f : done) {
                rounds += f.get();
            }
            assertThat(rounds).isEqualTo(PHONES * ROUNDS);
        } finally {
            phones.shutdown();
        }
    }

    /**
     * The promotion of a verified upload (copy, then delete the source) links instead of rewriting: the copy is the
     * same file (two links), keeps its bytes and type when the source is overwritten or deleted, and a copy the
     * link cannot serve (missing source) still fails as S3 says.
     */
    @Test
    void copy_isAHardLink_thatOutlivesAnOverwriteAndADeleteOfTheSource() throws Exception {
        byte[] photo = new byte[300_000];
        new java.util.Random(7).nextBytes(photo);
        String incoming = "incoming/9/abc/upload";
        String verified = "att/9/abc";
        assertThat(HTTP.send(presignedPut(incoming, photo), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        objects.copy(incoming, verified);
        Path file = dir.resolve(TestStore.BUCKET).resolve(verified);
        assertThat(java.nio.file.Files.getAttribute(file, "unix:nlink")).as("linked, not rewritten").isEqualTo(2);
        assertThat(bytes(verified)).isEqualTo(photo);
        assertThat(objects.stat(verified)).contains(new S3Objects.Stat(photo.length, "image/jpeg"));

        byte[] other = "another upload".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(HTTP.send(presignedPut(incoming, other), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(bytes(incoming)).isEqualTo(other);
        assertThat(bytes(verified)).as("after the source was overwritten").isEqualTo(photo);
        objects.delete(incoming);
        assertThat(bytes(verified)).as("after the source was deleted").isEqualTo(photo);

        assertThatThrownBy(() -> objects.copy("incoming/9/missing/upload", "att/9/missing"))
                .hasRootCauseInstanceOf(io.minio.errors.ErrorResponseException.class).hasMessageContaining("NoSuchKey");
        assertThat(objects.stat("att/9/missing")).isEmpty();
    }

    private static byte[] bytes(String key) throws Exception {
        try (S3Objects.Body body = objects.open(key).orElseThrow()) {
            return body.in().readAllBytes();
        }
    }

    /**
     * Each round PUTs a fresh key under {@code incoming/1/} through a presigned URL, as a phone does (plain
     * HTTP, no retry; the MinIO client would hide a 500 by retrying), then deletes it, emptying its folders.
     */
    private static Callable<Integer> putThenDelete(int phone) {
        return () -> {
            for (int i = 0; i < ROUNDS; i++) {
                String key = "incoming/1/" + phone + "-" + i + "/upload";
                HttpResponse<String> answer = HTTP.send(presignedPut(key, new byte[] {(byte) i}),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("PUT " + key + ": " + answer.body()).isEqualTo(200);
                objects.delete(key);
            }
            return ROUNDS;
        };
    }

    private static HttpRequest presignedPut(String key, byte[] body) {
        String url = presigner.put(key, "image/jpeg", Duration.ofMinutes(5)).url();
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
