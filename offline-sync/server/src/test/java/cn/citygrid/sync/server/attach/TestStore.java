package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AttachmentStore} on an {@link EmbeddedS3} in a temporary folder, a strict Vert.x (100 ms per
 * event-loop task; {@link #close()} fails on any blocked-thread warning) and a plain HTTP client playing the
 * phone. Each test takes a fresh account so tests never see each other's objects.
 */
final class TestStore implements AutoCloseable {
    static final String ACCESS = "test-access";
    static final String SECRET = "test-secret-key";
    static final String BUCKET = "citygrid-attachments";

    final EmbeddedS3 s3;
    final Vertx vertx;
    final WorkerExecutor workers;
    final MutableClock clock = new MutableClock();
    final ObjectStoreConfig config;
    final AttachmentStore store;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong accounts = new AtomicLong(1000);

    TestStore(Path dir) throws Exception {
        BlockedThreadRecorder.drain();
        s3 = EmbeddedS3.start(dir, ACCESS, SECRET);
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        workers = vertx.createSharedWorkerExecutor("attachments", 4);
        config = new ObjectStoreConfig(s3.endpoint(), ACCESS, SECRET, BUCKET, "us-east-1");
        store = new AttachmentStore(vertx, workers, config, clock);
        await(store.ensureBucket());
    }

    long newAccount() {
        return accounts.incrementAndGet();
    }

    /** The one slot for one request. */
    Slot slot(long account, AttachmentRequest request) {
        List<Slot> slots = await(store.slots(account, List.of(request)));
        assertThat(slots).hasSize(1);
        return slots.get(0);
    }

    /** Asks a slot, PUTs {@code bytes} as the phone would, and completes: the common happy path. */
    void upload(long account, byte[] bytes, String mediaType) {
        Slot slot = slot(account, new AttachmentRequest(Sm3s.hex(bytes), bytes.length, mediaType));
        if (slot instanceof Slot.Put put) {
            assertThat(put(put.url(), put.headers(), bytes).statusCode()).isEqualTo(200);
        }
        await(store.complete(account, slot.sm3(), null, List.of()));
    }

    HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        return send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** Waits for {@code future} on the test thread (never call from an event loop). */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The failure of {@code future}, which must fail. */
    static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected a failure, got success");
    }

    @Override
    public void close() {
        store.close();
        workers.close();
        await(vertx.close());
        s3.close();
        assertThat(BlockedThreadRecorder.drain()).as("blocked event loop warnings").isEmpty();
    }
}
