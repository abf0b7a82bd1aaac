package cn.citygrid.sync.server.attach;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CopyObjectArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListPartsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.vertx.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The object store as blocking calls on one bucket: the only code touching the MinIO client. Every method waits
 * for S3 and so must run on a worker thread; it refuses to run on an event loop. S3 error codes are translated
 * here, once: "no such key/upload" become empty results, bad parts become {@link AttachmentException}.
 */
final class S3Objects implements AutoCloseable {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NoSuchUpload", "NotFound");
    private static final Set<String> BAD_PARTS = Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall");

    private final MinioAsyncClient client;
    private final String bucket;

    S3Objects(ObjectStoreConfig config) {
        this.client = MinioAsyncClient.builder().endpoint(config.endpoint().toString())
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).build();
        this.bucket = config.bucket();
    }

    /** What a HEAD of an object says. */
    record Stat(long size, String contentType) {}

    /** An unfinished multipart upload. */
    record Upload(String uploadId, ZonedDateTime initiated) {
        /** Earliest first, so every server instance picks the same one of several. */
        static final Comparator<Upload> OLDEST_FIRST = Comparator.comparing(Upload::initiated,
                Comparator.nullsLast(Comparator.<ZonedDateTime>naturalOrder())).thenComparing(Upload::uploadId);
    }

    void ensureBucket() {
        if (!call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
            try {
                call(() -> client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()));
            } catch (CompletionException e) {
                if (!"BucketAlreadyOwnedByYou".equals(code(e))) { // another instance made it meanwhile
                    throw e;
                }
            }
        }
    }

    Optional<Stat> stat(String key) {
        return missingAsEmpty(() -> {
            StatObjectResponse r = call(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
            return new Stat(r.size(), r.contentType());
        });
    }

    /** An object's bytes as they arrive, and its content type. */
    record Body(InputStream in, String contentType) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The object's bytes; the caller closes them. Empty when there is no such object. */
    Optional<Body> open(String key) {
        return missingAsEmpty(() -> {
            GetObjectResponse r = call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            return new Body(r, r.headers().get("Content-Type"));
        });
    }

    void put(String key, byte[] bytes, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).data(bytes, bytes.length)
                .contentType(contentType).build()));
    }

    /** Server-side copy; content type and metadata go along. */
    void copy(String from, String to) {
        call(() -> client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(to)
                .source(SourceObject.builder().bucket(bucket).object(from).build()).build()));
    }

    void delete(String key) {
        call(() -> client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** Unfinished uploads of exactly {@code key}, oldest first. */
    List<Upload> uploads(String key) {
        var result = call(() -> client.listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(bucket).prefix(key)
                .build())).result();
        return result.uploads().stream().filter(u -> key.equals(u.objectName()))
                .map(u -> new Upload(u.uploadId(), u.initiated())).sorted(Upload.OLDEST_FIRST).toList();
    }

    String createUpload(String key, String contentType) {
        Http.Headers headers = new Http.Headers(Http.Headers.CONTENT_TYPE, contentType);
        return call(() -> client.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(bucket).object(key)
                .headers(headers).build())).result().uploadId();
    }

    void abortUpload(String key, String uploadId) {
        missingAsEmpty(() -> call(() -> client.abortMultipartUpload(AbortMultipartUploadArgs.builder().bucket(bucket)
                .object(key).uploadId(uploadId).build())));
    }

    /** A part S3 holds. */
    record StoredPart(int partNumber, String etag, long size) {
        Part part() {
            return new Part(partNumber, etag);
        }
    }

    /**
     * Parts stored so far, by part number; empty when the upload does not exist. One page of 1000 parts covers
     * every upload here (1 GiB in 8 MiB parts is 128).
     */
    Optional<List<StoredPart>> parts(String key, String uploadId) {
        return missingAsEmpty(() -> call(() -> client.listParts(ListPartsArgs.builder().bucket(bucket).object(key)
                .uploadId(uploadId).maxParts(1000).build())).result().parts().stream()
                .map(p -> new StoredPart(p.partNumber(), quoted(p.etag()), p.partSize()))
                .sorted(Comparator.comparingInt(StoredPart::partNumber)).toList());
    }

    /** Completes the upload; false when it does not exist (never created, aborted or already completed). */
    boolean completeUpload(String key, String uploadId, List<Part> parts) {
        io.minio.messages.Part[] s3Parts = parts.stream()
                .map(p -> new io.minio.messages.Part(p.partNumber(), p.etag())).toArray(io.minio.messages.Part[]::new);
        try {
            return missingAsEmpty(() -> call(() -> client.completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                    .bucket(bucket).object(key).uploadId(uploadId).parts(s3Parts).build()))).isPresent();
        } catch (CompletionException e) {
            if (BAD_PARTS.contains(code(e))) {
                throw AttachmentException.invalidParts(code(e) + ": " + message(e));
            }
            throw e;
        }
    }

    /** ETags as the part PUT answered them, quotes included (MinIO's ListParts parser strips them). */
    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public void close() {
        client.close();
    }

    private interface S3Call<T> {
        T run();
    }

    private static <T> Optional<T> missingAsEmpty(S3Call<T> call) {
        try {
            return Optional.ofNullable(call.run());
        } catch (CompletionException e) {
            if (MISSING.contains(code(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sends one S3 request and waits for its answer (MinIO's async client only sends it). */
    private static <T> T call(Supplier<CompletableFuture<T>> request) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("S3 call on an event loop: run it on the attachment worker pool");
        }
        return request.get().join();
    }

    private static String code(CompletionException e) {
        return e.getCause() instanceof ErrorResponseException r ? r.errorResponse().code() : null;
    }

    private static String message(CompletionException e) {
        return e.getCause() instanceof ErrorResponseException r ? r.errorResponse().message() : String.valueOf(e);
    }
}
