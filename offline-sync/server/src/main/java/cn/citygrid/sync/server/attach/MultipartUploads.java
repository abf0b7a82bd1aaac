package cn.citygrid.sync.server.attach;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one multipart upload of an incoming key, kept by S3 itself: {@code ListMultipartUploads} finds it again, so
 * a resumed upload needs no database row. Blocking: runs on the store's worker pool.
 */
final class MultipartUploads {
    private final S3Objects s3;
    private final Presigner presigner;

    MultipartUploads(S3Objects s3, Presigner presigner) {
        this.s3 = s3;
        this.presigner = presigner;
    }

    /** The slot of {@code r}: the upload's id, URLs for the parts S3 lacks, and the parts it holds. */
    Slot.Multipart slot(String key, AttachmentRequest r, String contentType, long partSize, Duration ttl) {
        String uploadId = current(key, contentType);
        int count = (int) Math.max(1, (r.size() + partSize - 1) / partSize);
        // A part counts as uploaded only with the size its number implies; a short one is sent again.
        List<Part> uploaded = s3.parts(key, uploadId).orElse(List.of()).stream()
                .filter(p -> p.partNumber() <= count && p.size() == expectedSize(p.partNumber(), count, r.size(), partSize))
                .map(S3Objects.StoredPart::part).toList();
        Set<Integer> have = uploaded.stream().map(Part::partNumber).collect(Collectors.toSet());
        List<Integer> missing = IntStream.rangeClosed(1, count).filter(n -> !have.contains(n)).boxed().toList();
        Presigner.PresignedParts urls = presigner.parts(key, uploadId, missing, ttl);
        return new Slot.Multipart(r.sm3(), uploadId, partSize, urls.expiresAt(), urls.parts(), uploaded);
    }

    private static long expectedSize(int partNumber, int count, long size, long partSize) {
        return partNumber < count ? partSize : size - (count - 1) * partSize;
    }

    /**
     * The oldest unfinished upload of {@code key}, created if there is none. Two servers creating one at the same
     * moment both end on the oldest; each aborts its own if it lost, never another's.
     */
    private String current(String key, String contentType) {
        List<S3Objects.Upload> open = s3.uploads(key);
        if (!open.isEmpty()) {
            return open.get(0).uploadId();
        }
        String created = s3.createUpload(key, contentType);
        String oldest = s3.uploads(key).stream().findFirst().map(S3Objects.Upload::uploadId).orElse(created);
        if (!oldest.equals(created)) {
            s3.abortUpload(key, created);
        }
        return oldest;
    }

    /**
     * Turns the parts of {@code uploadId} into the incoming object. Null {@code uploadId} (a single PUT) does
     * nothing; empty {@code parts} means every part S3 holds. An upload S3 no longer knows is left to the
     * caller, who finds either the completed object or nothing.
     */
    Void finish(String key, String uploadId, List<Part> parts) {
        if (uploadId == null) {
            return null;
        }
        List<Part> chosen = !parts.isEmpty() ? parts
                : s3.parts(key, uploadId).orElse(List.of()).stream().map(S3Objects.StoredPart::part).toList();
        if (!chosen.isEmpty()) {
            s3.completeUpload(key, uploadId, chosen);
        }
        return null;
    }
}
