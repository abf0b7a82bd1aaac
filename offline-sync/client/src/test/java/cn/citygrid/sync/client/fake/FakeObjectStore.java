package cn.citygrid.sync.client.fake;

import cn.citygrid.sync.protocol.crypto.Sm3;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attachment side of the test double (docs/sync-protocol.md §4): slots, presigned PUT and part URLs served by
 * the same HTTP server under {@code /s3/}, completion that recomputes SM3, and one multipart upload per SM3 that a
 * repeated slot request resumes. Counts every PUT. Thread-safe.
 */
public final class FakeObjectStore {
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final Map<String, byte[]> incoming = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
    private final AtomicInteger partPutsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    volatile long multipartAbove = 64 * 1024;
    volatile long partSize = 16 * 1024;

    private record Upload(String id, String sm3, long size, Map<Integer, byte[]> parts) {}

    /** After {@code n} more successful part PUTs, the next part PUT fails with 500 (once). */
    public void failPartAfter(int n) {
        partPutsBeforeFailure.set(n);
    }

    public boolean isVerified(String sm3) {
        return verified.containsKey(sm3);
    }

    /** PUT requests that stored bytes for this SM3 (whole-file PUTs and parts). */
    public int puts(String sm3) {
        AtomicInteger n = puts.get(sm3);
        return n == null ? 0 : n.get();
    }

    public int verifiedCount() {
        return verified.size();
    }

    Map<String, Object> slot(String base, String sm3, long size, String mediaType) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sm3", sm3);
        if (verified.containsKey(sm3)) {
            s.put("status", "present");
            return s;
        }
        if (mediaType.equals("image/gif")) {
            // As the server's allow-list does: GIF is not a media type it takes.
            s.put("status", "refused");
            s.put("problem", FakeHttp.problem("attachment-refused", 413, "media type image/gif is not taken"));
            return s;
        }
        if (size <= multipartAbove) {
            s.put("status", "put");
            s.put("url", base + "/s3/put/" + sm3 + "?sig=ok");
            s.put("headers", Map.of("Content-Type", mediaType));
            return s;
        }
        Upload u = uploads.computeIfAbsent(sm3, k -> new Upload(UUID.randomUUID().toString(), sm3, size,
                new ConcurrentHashMap<>()));
        int count = (int) ((size + partSize - 1) / partSize);
        List<Object> parts = new ArrayList<>();
        List<Object> uploaded = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            if (u.parts().containsKey(n)) {
                uploaded.add(Map.of("partNumber", BigDecimal.valueOf(n), "etag", etag(u.parts().get(n))));
            } else {
                parts.add(Map.of("partNumber", BigDecimal.valueOf(n), "url", base + "/s3/part/" + u.id() + "/" + n + "?sig=ok"));
            }
        }
        s.put("status", "multipart");
        s.put("uploadId", u.id());
        s.put("partSize", BigDecimal.valueOf(partSize));
        s.put("parts", parts);
        s.put("uploadedParts", uploaded);
        return s;
    }

    /** A whole-file PUT; returns the ETag. */
    String put(String sm3, byte[] bytes) {
        incoming.put(sm3, bytes);
        puts.computeIfAbsent(sm3, k -> new AtomicInteger()).incrementAndGet();
        return etag(bytes);
    }

    /** A part PUT; returns the ETag, or null when the injected failure fires. */
    String putPart(String uploadId, int n, byte[] bytes) {
        if (partPutsBeforeFailure.getAndDecrement() <= 0) {
            partPutsBeforeFailure.set(Integer.MAX_VALUE);
            return null;
        }
        Upload u = uploads.values().stream().filter(x -> x.id().equals(uploadId)).findFirst().orElseThrow();
        u.parts().put(n, bytes);
        puts.computeIfAbsent(u.sm3(), k -> new AtomicInteger()).incrementAndGet();
        return etag(bytes);
    }

    /** Completes and verifies; returns null when the object now verifies, else the problem slug. */
    String complete(String sm3, String uploadId) {
        if (verified.containsKey(sm3)) {
            return null;
        }
        byte[] bytes;
        if (uploadId == null) {
            bytes = incoming.remove(sm3);
        } else {
            Upload u = uploads.get(sm3);
            if (u == null || !u.id().equals(uploadId)) {
                return "upload-not-found";
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            new TreeMap<>(u.parts()).values().forEach(all::writeBytes);
            bytes = all.toByteArray();
            uploads.remove(sm3);
        }
        if (bytes == null) {
            return "upload-not-found";
        }
        if (!Sm3.hex(bytes).equals(sm3)) {
            return "attachment-hash-mismatch";
        }
        verified.put(sm3, (long) bytes.length);
        return null;
    }

    boolean hasVerified(String sm3, long size) {
        Long s = verified.get(sm3);
        return s != null && s == size;
    }

    private static String etag(byte[] bytes) {
        return "\"" + Sm3.hex(bytes).substring(0, 16) + "\"";
    }
}
