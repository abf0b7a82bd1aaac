package cn.citygrid.sync.server.attach;

import io.vertx.core.json.JsonObject;

/** A stored part of a multipart upload: its number (from 1) and the ETag S3 answered, quotes included. */
public record Part(int partNumber, String etag) {
    public JsonObject toJson() {
        return new JsonObject().put("partNumber", partNumber).put("etag", etag);
    }
}
