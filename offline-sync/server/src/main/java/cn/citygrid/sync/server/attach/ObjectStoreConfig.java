package cn.citygrid.sync.server.attach;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;

/**
 * Where attachments live: an S3 endpoint (MinIO in production, {@link EmbeddedS3} by default), its credentials,
 * the bucket and the region the client signs for.
 *
 * <p>{@code publicEndpoint} is the base URL that phones use in presigned URLs; it defaults to {@code endpoint}.
 * Set it when the server reaches the object store on an inner address and phones through a public host name
 * (the proxy in front must pass the {@code Host} header through unchanged: it is signed).
 */
public record ObjectStoreConfig(URI endpoint, String accessKey, String secretKey, String bucket, String region,
                                URI publicEndpoint) {
    public ObjectStoreConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        publicEndpoint = publicEndpoint == null ? endpoint : publicEndpoint;
    }

    /** Phones reach the store at the same address as the server. */
    public ObjectStoreConfig(URI endpoint, String accessKey, String secretKey, String bucket, String region) {
        this(endpoint, accessKey, secretKey, bucket, region, null);
    }

    /**
     * From {@code {"endpoint","accessKey","secretKey","bucket","region","publicEndpoint"}}; {@code region}
     * defaults to {@code us-east-1}, {@code publicEndpoint} to {@code endpoint}.
     */
    public static ObjectStoreConfig from(JsonObject json) {
        String pub = json.getString("publicEndpoint");
        return new ObjectStoreConfig(URI.create(json.getString("endpoint")), json.getString("accessKey"),
                json.getString("secretKey"), json.getString("bucket"), json.getString("region", "us-east-1"),
                pub == null ? null : URI.create(pub));
    }

    @Override
    public String toString() {
        return "ObjectStoreConfig[endpoint=" + endpoint + ", accessKey=" + accessKey + ", bucket=" + bucket
                + ", region=" + region + ", publicEndpoint=" + publicEndpoint + "]";
    }
}
