package cn.citygrid.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A worker's phone as the server sees it: an SM2 key pair, enrolled through the API, signing records. */
public final class TestPhone {
  public static final FormRef VISIT = new FormRef("household-visit", "2026112701");

  public final String deviceId = "phone-" + UUID.randomUUID().toString().substring(0, 12);
  public final Sm2KeyPair keys = Sm2.generateKeyPair();
  private final Http http;
  private final String token;

  public TestPhone(Http http, String workerToken) {
    this.http = http;
    this.token = workerToken;
  }

  public String token() {
    return token;
  }

  public JsonObject enroll() {
    return enroll(http, token, deviceId, keys.publicKey(), "测试手机");
  }

  /** Enrolls and has {@code supervisorToken} approve it. */
  public TestPhone enrolledAndApproved(String supervisorToken) {
    enroll();
    approve(http, supervisorToken, deviceId);
    return this;
  }

  /** {@code POST /api/v1/devices} as the worker of {@code token} does it from a phone holding {@code key}. */
  public static JsonObject enroll(Http http, String token, String deviceId, Sm2PublicKey key, String label) {
    Http.Response r = http.postJson("/api/v1/devices", token, new JsonObject().put("deviceId", deviceId)
        .put("publicKey", key.toPem()).put("label", label));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** A supervisor approves the device. */
  public static void approve(Http http, String supervisorToken, String deviceId) {
    Http.Response r = http.postJson("/api/v1/devices/" + deviceId + "/approve", supervisorToken, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  public RecordEnvelope sign(String note) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("clientId", UuidV7.generate());
    payload.put("houseId", "1");
    payload.put("note", note);
    return RecordEnvelope.sign(keys.privateKey(), deviceId, keys.publicKey().keyId(), VISIT, Instant.now(), payload, List.of());
  }

  /** A record of {@code form} with {@code payload} (a fresh clientId added), captured at {@code at}. */
  public RecordEnvelope sign(FormRef form, Map<String, Object> payload, List<AttachmentRef> attachments, Instant at) {
    Map<String, Object> p = new LinkedHashMap<>(payload);
    p.put("clientId", UuidV7.generate());
    return RecordEnvelope.sign(keys.privateKey(), deviceId, keys.publicKey().keyId(), form, at, p, attachments);
  }

  /** {@code POST /api/v1/sync/records} (or {@code /sync/proposals}) as a phone sends it. */
  public Http.Response sync(String endpoint, List<RecordEnvelope> records) {
    String body = new JsonObject().put("deviceId", deviceId).put("deviceTime", Instant.now().toString())
        .put("records", new io.vertx.core.json.JsonArray(records.stream().map(r -> new JsonObject(r.toJson())).toList()))
        .encode();
    return http.send("POST", "/api/v1/sync/" + endpoint, token, body,
        Map.of("Content-Type", "application/json", "X-Device-Id", deviceId));
  }

  /** A GET as this phone (with its device header). */
  public Http.Response get(String path) {
    return http.send("GET", path, token, null, Map.of("X-Device-Id", deviceId));
  }

  /** A JSON POST as this phone (with its device header). */
  public Http.Response post(String path, JsonObject body) {
    return http.send("POST", path, token, body.encode(), Map.of("Content-Type", "application/json", "X-Device-Id", deviceId));
  }

  public Http.Response submit(RecordEnvelope e, boolean wait) {
    return http.send("POST", "/api/v1/ledger/records" + (wait ? "?wait=true" : ""), token, e.toJson(),
        Map.of("Content-Type", "application/json"));
  }

  public Http.Response submitBatch(List<RecordEnvelope> records, boolean wait) {
    String body = "{\"records\":[" + String.join(",", records.stream().map(RecordEnvelope::toJson).toList()) + "]}";
    return http.send("POST", "/api/v1/ledger/batches" + (wait ? "?wait=true" : ""), token, body,
        Map.of("Content-Type", "application/json"));
  }

  /**
   * Every change of the feed from {@code cursor[0]} (null: from the start, which must be a reset) until it is
   * caught up; {@code cursor[0]} is left at the next cursor.
   */
  public List<JsonObject> pull(String[] cursor) {
    List<JsonObject> changes = new ArrayList<>();
    boolean more = true;
    boolean first = true;
    while (more) {
      Http.Response r = get("/api/v1/sync/changes?limit=200" + (cursor[0] == null ? "" : "&cursor=" + cursor[0]));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject page = r.json();
      if (first && cursor[0] == null) {
        assertThat(page.getBoolean("reset")).isTrue();
      }
      first = false;
      page.getJsonArray("changes").forEach(c -> changes.add((JsonObject) c));
      cursor[0] = page.getString("nextCursor");
      more = page.getBoolean("hasMore");
    }
    return changes;
  }
}
