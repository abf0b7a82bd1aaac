package cn.citygrid.sync.server.attach;

import java.util.Map;
import java.util.Optional;

/**
 * Thumbnails of verified pictures kept beside them at {@code thumb/<account>/<sm3>/<px>.jpg}. Blocking: runs on
 * the store's worker pool. Only {@code image/*} objects up to 64 MiB are decoded (decoding holds the file in
 * memory); anything else, or a picture the JDK cannot read, has none.
 */
final class PictureThumbnails {
    static final long MAX_SOURCE = 64L << 20;

    private final S3Objects s3;

    PictureThumbnails(S3Objects s3) {
        this.s3 = s3;
    }

    /** The stored thumbnail, if it was made. */
    Optional<byte[]> stored(long account, String sm3, int px) throws Exception {
        Optional<S3Objects.Body> body = s3.open(ObjectKeys.thumbnail(account, sm3, px));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try (S3Objects.Body b = body.get()) {
            return Optional.of(b.in().readAllBytes());
        }
    }

    /** Makes and stores every size from the verified object; px → JPEG, empty when there can be none. */
    Map<Integer, byte[]> make(long account, String sm3) throws Exception {
        String verified = ObjectKeys.verified(account, sm3);
        Optional<S3Objects.Stat> stat = s3.stat(verified);
        if (stat.isEmpty() || stat.get().size() > MAX_SOURCE || !isPicture(stat.get().contentType())) {
            return Map.of();
        }
        Map<Integer, byte[]> jpegs;
        try (S3Objects.Body body = s3.open(verified).orElseThrow()) {
            jpegs = Thumbnails.of(body.in());
        }
        jpegs.forEach((px, jpeg) -> s3.put(ObjectKeys.thumbnail(account, sm3, px), jpeg, "image/jpeg"));
        return jpegs;
    }

    static boolean isPicture(String contentType) {
        return contentType != null && contentType.startsWith("image/");
    }
}
