package cn.citygrid.sync.server.attach;

import io.vertx.core.json.JsonObject;

/** Where to PUT one missing part (bytes {@code [(n−1)·partSize, n·partSize)}) of a multipart upload. */
public record PartUrl(int partNumber, String url) {
    public JsonObject toJson() {
        return new JsonObject().put("partNumber", partNumber).put("url", url);
    }
}
