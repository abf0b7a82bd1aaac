package cn.citygrid.sync.server.attach;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 server inside this process on a local folder (s3proxy with its filesystem store), for `./grid up` on one
 * machine and for tests. It speaks enough of S3 for the attachment store: SigV4 (headers and presigned query),
 * multipart uploads with ListMultipartUploads/ListParts, server-side copy. Production points
 * {@link ObjectStoreConfig} at a MinIO cluster instead; nothing else changes.
 *
 * <p>Buckets are subfolders of {@code dir}; objects survive a restart on the same folder.
 *
 * <p>s3proxy's filesystem store removes folders that a delete leaves empty; a write that created such a folder a
 * moment earlier then fails (500, {@code NoSuchFileException}) — seen with four phones of one account uploading
 * at once, reproduced by EmbeddedS3IT. Here writes and removals are kept apart: a request body is first read
 * whole (into memory up to 1 MiB, else into a temporary file), then written under a shared lock; removals (delete, abort, complete of a multipart
 * upload) take it exclusively. A plain copy within the bucket (the attachment store's promotion of a verified
 * upload) is a hard link rather than the store's read-hash-write copy.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts on a free port of 127.0.0.1 and returns once it answers; credentials are checked (SigV2 or V4). */
    public static EmbeddedS3 start(Path dir, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(dir);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new WritesApartFromRemovals(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()),
                        dir.toAbsolutePath()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(16)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("embedded S3 did not start within 10 s: " + proxy.getState());
            }
            Thread.sleep(2);
        }
        return new EmbeddedS3(proxy);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded S3 did not stop", e);
        }
    }

    /** See the class comment: no write runs while a removal may be deleting the folders it writes into. */
    private static final class WritesApartFromRemovals extends ForwardingBlobStore {
        private static final int IN_MEMORY = 1 << 20;

        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final Path root;

        WritesApartFromRemovals(BlobStore delegate, Path root) {
            super(delegate);
            this.root = root;
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
            return spooled(body, in -> locked(lock.readLock(), () -> super.putBlob(request, in)));
        }

        @Override
        public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) { // writes a marker
            return locked(lock.readLock(), () -> super.initiateMultipartUpload(request));
        }

        @Override
        public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream body) {
            return spooled(body, in -> locked(lock.readLock(), () -> super.uploadMultipartPart(upload, request, in)));
        }

        /**
         * A plain copy within a bucket is a hard link: the store never rewrites a file in place (a PUT writes a
         * temporary file and renames it over the key), so both names keep the same bytes and the same metadata
         * (extended attributes of the one inode, ETag included) — without reading, hashing and writing the object
         * again (the store's copy hashed every photo a second time, as many MD5 samples as its PUT). The copy keeps the source's
         * Last-Modified. Anything else (another bucket, new metadata, conditions other than a matching If-Match,
         * versions, a missing source, a file system without hard links) is the store's own copy.
         */
        @Override
        public CopyObjectResponse copyBlob(CopyObjectRequest request) {
            return locked(lock.readLock(), () -> linked(request).orElseGet(() -> super.copyBlob(request)));
        }

        /**
         * Same bucket, and nothing asked of the copy that differs from its source. The one condition allowed is
         * If-Match on the source's ETag, which the MinIO client always sends (with the ETag it just read).
         */
        private static boolean plain(CopyObjectRequest r) {
            return r.sourceBucket().equals(r.destinationBucket()) && r.metadataDirective() != MetadataDirective.REPLACE
                    && r.taggingDirective() != TaggingDirective.REPLACE && r.acl() == null && r.sourceVersionId() == null
                    && r.serverSideEncryption() == null && r.sseCustomerAlgorithm() == null && r.ssekmsKeyId() == null
                    && r.copySourceIfNoneMatch() == null && r.copySourceIfModifiedSince() == null
                    && r.copySourceIfUnmodifiedSince() == null;
        }

        /**
         * Links the source under a temporary name next to the destination, checks If-Match against what was linked
         * (a PUT may replace the source meanwhile: the check is on the file actually linked), then renames the link
         * over the destination. Empty, with nothing left behind, whenever the store's own copy must answer.
         */
        private Optional<CopyObjectResponse> linked(CopyObjectRequest r) {
            if (!plain(r)) {
                return Optional.empty();
            }
            Path bucket = root.resolve(r.sourceBucket()).normalize();
            Path from = bucket.resolve(r.sourceKey()).normalize();
            Path to = bucket.resolve(r.destinationKey()).normalize();
            if (!bucket.startsWith(root) || !from.startsWith(bucket) || !to.startsWith(bucket) || from.equals(to)
                    || r.destinationKey().endsWith("/") || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path tmp = to.resolveSibling(".link-" + UUID.randomUUID());
            try {
                Files.createDirectories(to.getParent());
                Files.createLink(tmp, from);
                HeadObjectResponse linked = super.blobMetadata(HeadObjectRequest.builder().bucket(r.destinationBucket())
                        .key(bucket.relativize(tmp).toString()).build());
                if (r.copySourceIfMatch() != null && !unquoted(r.copySourceIfMatch()).equals(unquoted(linked.eTag()))) {
                    Files.delete(tmp);
                    return Optional.empty();
                }
                Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(CopyObjectResponse.builder().copyObjectResult(CopyObjectResult.builder()
                        .eTag(linked.eTag()).lastModified(linked.lastModified()).build()).build());
            } catch (IOException | UnsupportedOperationException | S3Exception e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover link is a stray object of the embedded store, never an attachment key
                }
                return Optional.empty();
            }
        }

        private static String unquoted(String etag) {
            return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
        }

        @Override
        public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
            return locked(lock.writeLock(), () -> super.removeBlob(request));
        }

        @Override
        public void abortMultipartUpload(MultipartUpload upload) {
            locked(lock.writeLock(), () -> {
                super.abortMultipartUpload(upload);
                return null;
            });
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                       CompleteMultipartUploadRequest request) {
            return locked(lock.writeLock(), () -> super.completeMultipartUpload(upload, request));
        }

        private static <T> T locked(Lock lock, Supplier<T> work) {
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }

        /**
         * The body read off the network first, so a slow phone never holds the lock: in memory up to
         * {@link #IN_MEMORY} bytes (a photo), in a temporary file beyond (parts of large uploads).
         */
        private static <T> T spooled(InputStream body, Function<InputStream, T> write) {
            try {
                byte[] head = body.readNBytes(IN_MEMORY + 1);
                if (head.length <= IN_MEMORY) {
                    return write.apply(new ByteArrayInputStream(head));
                }
                Path tmp = Files.createTempFile("embedded-s3-", ".body");
                try {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        out.write(head);
                        body.transferTo(out);
                    }
                    try (InputStream in = Files.newInputStream(tmp)) {
                        return write.apply(in);
                    }
                } finally {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a leftover temporary file is harmless
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
