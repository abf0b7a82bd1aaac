package cn.citygrid.sync.client.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's answer for one attachment (docs/sync-protocol.md §4): {@code present} (nothing to send), {@code put}
 * (one presigned PUT to {@code url} with {@code headers}), {@code multipart} ({@code uploadId}, {@code partSize},
 * URLs of the missing parts and the parts already stored) or {@code refused} (with a problem).
 */
public record Slot(String sm3, Kind kind, URI url, Map<String, String> headers, String uploadId, long partSize,
                   List<PartUrl> parts, List<Part> uploadedParts, Problem problem) {
    public enum Kind { present, put, multipart, refused }

    /** What the client asks a slot for: the attachment's SM3, size and media type. */
    public record Request(String sm3, long size, String mediaType) {}

    /** A stored part: its number (from 1) and the ETag the object store returned. */
    public record Part(int partNumber, String etag) {}

    /** Where to PUT one missing part. */
    public record PartUrl(int partNumber, URI url) {}

    static Slot fromJson(Object json) {
        Members m = Members.of(json, "slot");
        Kind kind;
        try {
            kind = Kind.valueOf(m.string("status"));
        } catch (IllegalArgumentException e) {
            throw Members.bad("slot.status: got '" + m.string("status") + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> h = m.object("headers");
        if (h != null) {
            h.forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        List<PartUrl> parts = m.list("parts").stream().map(p -> Members.of(p, "slot.parts[]"))
                .map(p -> new PartUrl((int) p.number("partNumber", 0), URI.create(p.string("url")))).toList();
        List<Part> uploaded = m.list("uploadedParts").stream().map(p -> Members.of(p, "slot.uploadedParts[]"))
                .map(p -> new Part((int) p.number("partNumber", 0), p.string("etag"))).toList();
        String url = m.optString("url");
        return new Slot(m.string("sm3"), kind, url == null ? null : URI.create(url), headers, m.optString("uploadId"),
                m.number("partSize", 0), parts, uploaded,
                m.object("problem") == null ? null : Problem.fromJson(m.object("problem")));
    }
}
