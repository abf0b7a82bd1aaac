package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** toJson() is the slot object of docs/sync-protocol.md §4, member for member. */
class SlotTest {
    static final String SM3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    static final Instant T = Instant.parse("2026-11-27T05:15:00Z");

    @Test
    void present_isSm3AndStatusOnly() {
        assertThat(new Slot.Present(SM3).toJson())
                .isEqualTo(new JsonObject("{\"sm3\":\"" + SM3 + "\",\"status\":\"present\"}"));
    }

    @Test
    void put_carriesUrlHeadersAndMillisecondExpiry() {
        Slot.Put put = new Slot.Put(SM3, "http://s3/b/k?X-Amz-Signature=1", Map.of("Content-Type", "image/jpeg"), T);

        JsonObject json = put.toJson();

        assertThat(json).isEqualTo(new JsonObject("{\"sm3\":\"" + SM3 + "\",\"status\":\"put\","
                + "\"url\":\"http://s3/b/k?X-Amz-Signature=1\",\"headers\":{\"Content-Type\":\"image/jpeg\"},"
                + "\"expiresAt\":\"2026-11-27T05:15:00.000Z\"}"));
    }

    @Test
    void multipart_listsMissingPartUrlsAndUploadedParts() {
        Slot.Multipart multipart = new Slot.Multipart(SM3, "up-1", 8_388_608, T,
                List.of(new PartUrl(3, "u3"), new PartUrl(4, "u4")), List.of(new Part(1, "\"a1\""), new Part(2, "\"b2\"")));

        JsonObject json = multipart.toJson();

        assertThat(json).isEqualTo(new JsonObject("{\"sm3\":\"" + SM3 + "\",\"status\":\"multipart\",\"uploadId\":\"up-1\","
                + "\"partSize\":8388608,\"expiresAt\":\"2026-11-27T05:15:00.000Z\","
                + "\"parts\":[{\"partNumber\":3,\"url\":\"u3\"},{\"partNumber\":4,\"url\":\"u4\"}],"
                + "\"uploadedParts\":[{\"partNumber\":1,\"etag\":\"\\\"a1\\\"\"},{\"partNumber\":2,\"etag\":\"\\\"b2\\\"\"}]}"));
    }

    @Test
    void refused_leavesTheProblemToTheHttpLayer() {
        Slot.Refused refused = new Slot.Refused(SM3, Slot.Refused.Reason.MEDIA_TYPE, "不接受", "not taken");

        assertThat(refused.toJson()).isEqualTo(new JsonObject("{\"sm3\":\"" + SM3 + "\",\"status\":\"refused\"}"));
    }

    @Test
    void request_rejectsMalformedSm3AndNegativeSize() {
        assertThatThrownBy(() -> new AttachmentRequest(SM3.toUpperCase(), 1, "image/jpeg"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("want 64 lowercase hex digits");
        assertThatThrownBy(() -> new AttachmentRequest(SM3, -1, "image/jpeg"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got size -1");
    }
}
