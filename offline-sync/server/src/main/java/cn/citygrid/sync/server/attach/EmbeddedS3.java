package cn.citygrid.sync.server.attach;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 server inside this process on a local folder (s3proxy with its filesystem store), for `./grid up` on one
 * machine and for tests. It speaks enough of S3 for the attachment store: SigV4 (headers and presigned query),
 * multipart uploads with ListMultipartUploads/ListParts, server-side copy. Production points
 * {@link ObjectStoreConfig} at a MinIO cluster instead; nothing else changes.
 *
 * <p>Buckets are subfolders of {@code dir}; objects survive a restart on the same folder.
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
                .blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
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
}
