package cn.citygrid.sync.server.attach;

import cn.citygrid.sync.protocol.record.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The store's answer for one {@link AttachmentRequest} (docs/sync-protocol.md §4). {@link #toJson()} is the slot
 * object of the {@code POST /api/v1/sync/attachments} answer, except that {@link Refused} carries no
 * {@code problem} member: the HTTP layer adds its problem object ({@code attachment-refused}, 413) from
 * {@link Refused#reason()} and the details.
 */
public sealed interface Slot permits Slot.Present, Slot.Put, Slot.Multipart, Slot.Refused {
    String sm3();

    JsonObject toJson();

    /** {@code att/<account>/<sm3>} exists with the requested size: nothing to send. */
    record Present(String sm3) implements Slot {
        @Override
        public JsonObject toJson() {
            return new JsonObject().put("sm3", sm3).put("status", "present");
        }
    }

    /** One presigned PUT of the whole file, with exactly {@code headers}, until {@code expiresAt}. */
    record Put(String sm3, String url, Map<String, String> headers, Instant expiresAt) implements Slot {
        public Put {
            headers = Map.copyOf(headers);
        }

        @Override
        public JsonObject toJson() {
            return new JsonObject().put("sm3", sm3).put("status", "put").put("url", url)
                    .put("headers", new JsonObject(Map.copyOf(headers)))
                    .put("expiresAt", Timestamps.format(expiresAt));
        }
    }

    /**
     * The one multipart upload of (account, sm3): URLs for the parts still missing (valid until
     * {@code expiresAt}) and the parts S3 already holds.
     */
    record Multipart(String sm3, String uploadId, long partSize, Instant expiresAt, List<PartUrl> parts,
                     List<Part> uploadedParts) implements Slot {
        public Multipart {
            parts = List.copyOf(parts);
            uploadedParts = List.copyOf(uploadedParts);
        }

        @Override
        public JsonObject toJson() {
            return new JsonObject().put("sm3", sm3).put("status", "multipart").put("uploadId", uploadId)
                    .put("partSize", partSize).put("expiresAt", Timestamps.format(expiresAt))
                    .put("parts", new JsonArray(parts.stream().map(PartUrl::toJson).toList()))
                    .put("uploadedParts", new JsonArray(uploadedParts.stream().map(Part::toJson).toList()));
        }
    }

    /** Not taken: too large or a media type outside the allow-list; details in Chinese and English. */
    record Refused(String sm3, Reason reason, String detailZh, String detailEn) implements Slot {
        public enum Reason { TOO_LARGE, MEDIA_TYPE }

        @Override
        public JsonObject toJson() {
            return new JsonObject().put("sm3", sm3).put("status", "refused");
        }
    }
}
