package cn.citygrid.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
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
    Http.Response r = http.postJson("/api/v1/devices", token, new JsonObject().put("deviceId", deviceId)
        .put("publicKey", keys.publicKey().toPem()).put("label", "测试手机"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** Enrolls and has {@code supervisorToken} approve it. */
  public TestPhone enrolledAndApproved(String supervisorToken) {
    enroll();
    Http.Response r = http.postJson("/api/v1/devices/" + deviceId + "/approve", supervisorToken, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return this;
  }

  public RecordEnvelope sign(String note) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("clientId", UuidV7.generate());
    payload.put("houseId", "1");
    payload.put("note", note);
    return RecordEnvelope.sign(keys.privateKey(), deviceId, keys.publicKey().keyId(), VISIT, Instant.now(), payload, List.of());
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
}
