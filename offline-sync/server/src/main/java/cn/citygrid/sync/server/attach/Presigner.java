package cn.citygrid.sync.server.attach;

import io.minio.Signer;
import io.minio.errors.MinioException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * SigV4 presigned URLs (query signature, unsigned payload) dated by the store's {@link Clock}, so {@code expiresAt}
 * in a slot is exactly when S3 stops accepting the URL, and tests can make URLs that are already expired. MinIO's
 * own {@code getPresignedObjectUrl} dates by the system clock and cannot sign a chosen header set; its
 * {@link Signer#presignV4} does the signing here. Pure computation: no network.
 */
final class Presigner {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long MAX_SECONDS = Duration.ofDays(7).toSeconds();

    private final ObjectStoreConfig config;
    private final HttpUrl base;
    private final Clock clock;

    Presigner(ObjectStoreConfig config, Clock clock) {
        this.config = config;
        this.base = HttpUrl.get(config.publicEndpoint().toString());
        this.clock = clock;
    }

    /** A URL and the instant it stops working. */
    record Presigned(String url, Instant expiresAt) {}

    /** PUT of the whole object; the request must carry exactly {@code Content-Type: contentType}. */
    Presigned put(String key, String contentType, Duration ttl) {
        return sign("PUT", url(key).build(), contentType, ttl, now());
    }

    /** Part URLs and the instant they all stop working. */
    record PresignedParts(List<PartUrl> parts, Instant expiresAt) {}

    /** PUTs of parts {@code partNumbers} (from 1) of a multipart upload, all signed at the same instant. */
    PresignedParts parts(String key, String uploadId, List<Integer> partNumbers, Duration ttl) {
        Instant now = now();
        List<PartUrl> urls = new ArrayList<>(partNumbers.size());
        for (int n : partNumbers) {
            HttpUrl url = url(key).addQueryParameter("partNumber", Integer.toString(n))
                    .addQueryParameter("uploadId", uploadId).build();
            urls.add(new PartUrl(n, sign("PUT", url, null, ttl, now).url()));
        }
        return new PresignedParts(urls, now.plusSeconds(ttl.toSeconds()));
    }

    /** GET of the object. */
    Presigned get(String key, Duration ttl) {
        return sign("GET", url(key).build(), null, ttl, now());
    }

    private HttpUrl.Builder url(String key) {
        return base.newBuilder().addPathSegment(config.bucket()).addPathSegments(key);
    }

    /** X-Amz-Date has whole seconds; so has {@code expiresAt}. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Presigned sign(String method, HttpUrl url, String contentType, Duration ttl, Instant now) {
        long seconds = ttl.toSeconds();
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("got ttl " + ttl + ", want 1 s to 7 days");
        }
        Request.Builder request = new Request.Builder().url(url)
                .method(method, "GET".equals(method) ? null : RequestBody.create(new byte[0], null))
                .header("Host", hostHeader(url))
                .header("X-Amz-Date", AMZ_DATE.format(now));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpUrl signed = Signer.presignV4(request.build(), config.region(), config.accessKey(),
                    config.secretKey(), (int) seconds);
            return new Presigned(signed.toString(), now.plusSeconds(seconds));
        } catch (MinioException e) {
            throw new IllegalStateException("presigning " + method + " " + url.encodedPath() + " failed", e);
        }
    }

    private static String hostHeader(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }
}
