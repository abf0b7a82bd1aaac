package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.verify.AuditBundle;
import cn.citygrid.sync.protocol.verify.OfflineVerifier;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Devices, the record intake and the log, end to end over HTTP, verified with the protocol's own verifiers. */
class LedgerIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String supervisor;
  static NoteVerifier logKey;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(LedgerIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db, Map.of(ConfigKey.LEDGER_BATCH_INTERVAL, "PT0.2S"));
    http = app.http();
    supervisor = app.login("supervisor", "Demo@2026");
    logKey = http.logKey();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static TestPhone approvedPhone() {
    return new TestPhone(http, app.login("worker", "Demo@2026")).enrolledAndApproved(supervisor);
  }

  @Test
  void approvedDevice_getsACertificateChainingToThePlatformCa() {
    TestPhone phone = new TestPhone(http, app.login("worker", "Demo@2026"));
    assertThat(phone.enroll().getString("status")).isEqualTo("pending");
    JsonObject approved = http.postJson("/api/v1/devices/" + phone.deviceId + "/approve", supervisor, null).json();
    Sm2Certificate cert = Sm2Certificate.fromPem(approved.getString("certificate"));
    Sm2Certificate ca = Sm2Certificate.fromPem(approved.getString("caCertificate"));
    DeviceCertificates.verifyChain(cert, ca, Instant.now());
    assertThat(cert.publicKey()).isEqualTo(phone.keys.publicKey());
    assertThat(cert.commonName()).isEqualTo(phone.deviceId);
  }

  @Test
  void record_withReceipt_verifiesOfflineAgainstTheSignedCheckpoint() {
    TestPhone phone = approvedPhone();
    RecordEnvelope record = phone.sign("入户走访：张三在家");
    Http.Response r = phone.submit(record, true);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("status")).isEqualTo("accepted");
    Receipt receipt = Receipt.parse(r.json().getJsonObject("receipt").encode());
    assertThat(receipt.recordId()).isEqualTo(record.recordId());
    String stored = http.get("/api/v1/ledger/records/" + record.recordId() + "/bundle", phone.token()).json()
        .getJsonObject("entry").getString("receivedAt");
    VerifiedCheckpoint checked = receipt.verify(new LogEntry(record, Instant.parse(stored)), logKey, List.of());
    assertThat(checked.checkpoint().size()).isGreaterThan(receipt.leafIndex());
  }

  @Test
  void receiptRoute_provesTheRecordAgainstTheLatestOrAGivenCheckpoint_andSaysWhyNot() {
    TestPhone phone = approvedPhone();
    RecordEnvelope record = phone.sign("回执查询：李四在家");
    Receipt first = Receipt.parse(phone.submit(record, true).json().getJsonObject("receipt").encode());
    String stored = http.get("/api/v1/ledger/records/" + record.recordId() + "/bundle", phone.token()).json()
        .getJsonObject("entry").getString("receivedAt");
    LogEntry entry = new LogEntry(record, Instant.parse(stored));
    long firstSize = first.verify(entry, logKey, List.of()).checkpoint().size();
    phone.submit(phone.sign("回执查询：之后的记录"), true);

    String path = "/api/v1/ledger/records/" + record.recordId() + "/receipt";
    Receipt latest = Receipt.parse(http.get(path, null).body());
    assertThat(latest.leafIndex()).isEqualTo(first.leafIndex());
    assertThat(latest.verify(entry, logKey, List.of()).checkpoint().size()).as("the log grew since").isGreaterThan(firstSize);
    Receipt atFirst = Receipt.parse(http.get(path + "?size=" + firstSize, null).body());
    assertThat(atFirst.verify(entry, logKey, List.of()).checkpoint().size()).isEqualTo(firstSize);

    Http.Response tooSmall = http.get(path + "?size=0", null);
    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(tooSmall.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("size");
    Http.Response noSuchSize = http.get(path + "?size=" + (Long.MAX_VALUE / 2), null);
    assertThat(noSuchSize.status()).isEqualTo(404);
    assertThat(noSuchSize.json().getString("detail")).contains(String.valueOf(Long.MAX_VALUE / 2));
    Http.Response unknown = http.get("/api/v1/ledger/records/" + "0".repeat(64) + "/receipt", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("type")).endsWith("not-found");
  }

  @Test
  void theSameRecordSentAgain_orInThreeConcurrentBatches_isStoredOnce() throws Exception {
    TestPhone phone = approvedPhone();
    List<RecordEnvelope> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(phone.sign("记录 " + i));
    }
    List<CompletableFuture<Http.Response>> sends = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sends.add(CompletableFuture.supplyAsync(() -> phone.submitBatch(batch, false)));
    }
    long accepted = 0;
    for (var send : sends) {
      JsonObject body = send.get().json();
      accepted += body.getJsonArray("results").stream().filter(o -> "accepted".equals(((JsonObject) o).getString("status"))).count();
    }
    assertThat(accepted).isEqualTo(20);
    assertThat(phone.submit(batch.get(0), false).json().getString("status")).isEqualTo("duplicate");
    assertThat(count("SELECT count(*) FROM ledger.record WHERE device_id = '" + phone.deviceId + "'")).isEqualTo(20);
  }

  @Test
  void pendingUnknownForeignAndForgedRecords_areRefusedWithAProblemSayingWhich() {
    TestPhone pending = new TestPhone(http, app.login("worker", "Demo@2026"));
    pending.enroll();
    assertRefused(pending.submit(pending.sign("x"), false), 403, "device-not-approved");

    TestPhone unknown = new TestPhone(http, app.login("worker", "Demo@2026"));
    assertRefused(unknown.submit(unknown.sign("x"), false), 403, "device-key-unknown");

    TestPhone phone = approvedPhone();
    TestPhone other = new TestPhone(http, app.login("worker2", "Demo@2026"));
    assertRefused(other.submit(phone.sign("x"), false), 403, "device-not-yours");

    RecordEnvelope good = phone.sign("原文");
    String forged = good.toJson().replace("原文", "篡改");
    Http.Response r = http.send("POST", "/api/v1/ledger/records", phone.token(), forged, Map.of("Content-Type", "application/json"));
    assertRefused(r, 422, "signature-invalid");
    assertRefused(http.send("POST", "/api/v1/ledger/records", phone.token(), "{\"v\":1}", Map.of("Content-Type", "application/json")),
        400, "record-malformed");
  }

  @Test
  void batch_withOneBadRecord_acceptsTheOthers_andSaysWhyPerRecord() {
    TestPhone phone = approvedPhone();
    RecordEnvelope ok = phone.sign("好的");
    TestPhone stranger = new TestPhone(http, app.login("worker", "Demo@2026"));
    JsonObject body = phone.submitBatch(List.of(ok, stranger.sign("陌生")), false).json();
    var results = body.getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
    assertThat(results.getJsonObject(1).getString("status")).isEqualTo("rejected");
    assertThat(results.getJsonObject(1).getJsonObject("problem").getString("type")).isEqualTo("urn:citygrid:problem:device-key-unknown");
  }

  @Test
  void batch_thatIsNotAnObjectWithAnArrayOfRecords_isRefusedWhole_namingWhatIsWrong() throws Exception {
    TestPhone phone = approvedPhone();
    RecordEnvelope good = phone.sign("批次形状");
    assertBatchRefused(phone, "{\"records\":\"x\"}", "validation-failed", "records");
    assertBatchRefused(phone, "{\"records\":{}}", "validation-failed", "records");
    assertBatchRefused(phone, "{\"records\":null}", "validation-failed", "records");
    assertBatchRefused(phone, "{\"records\":[]}", "validation-failed", "records");
    assertBatchRefused(phone, "{}", "validation-failed", "records");
    assertBatchRefused(phone, "{\"records\":[" + good.toJson() + ",\"x\",[],7]}", "validation-failed",
        "records/1", "records/2", "records/3");
    assertBatchRefused(phone, "[" + good.toJson() + "]", "malformed-request");
    assertBatchRefused(phone, "\"records\"", "malformed-request");
    assertBatchRefused(phone, "{\"records\":[", "malformed-request");
    assertThat(count("SELECT count(*) FROM ledger.record WHERE id = '" + good.recordId() + "'"))
        .as("a refused batch stores none of its records").isZero();
  }

  private static void assertBatchRefused(TestPhone phone, String body, String slug, String... fields) {
    Http.Response r = http.send("POST", "/api/v1/ledger/batches", phone.token(), body, Map.of("Content-Type", "application/json"));
    assertRefused(r, 400, slug);
    var errors = r.json().getJsonArray("errors", new io.vertx.core.json.JsonArray());
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field"))).as(body).containsExactly(fields);
  }

  @Test
  void revokedDevice_isRefusedAfterwards_butItsEarlierRecordsStayValid() {
    TestPhone phone = approvedPhone();
    RecordEnvelope before = phone.sign("吊销前");
    assertThat(phone.submit(before, true).status()).isEqualTo(201);
    JsonObject revoked = http.postJson("/api/v1/devices/" + phone.deviceId + "/revoke", phone.token(),
        new JsonObject().put("reason", "手机丢失")).json();
    assertThat(revoked.getString("status")).isEqualTo("revoked");
    assertRefused(phone.submit(phone.sign("吊销后"), false), 403, "device-revoked");
    JsonObject bundle = http.get("/api/v1/ledger/records/" + before.recordId() + "/bundle", supervisor).json();
    assertThat(new OfflineVerifier().verify(AuditBundle.parse(bundle.encode())).passed()).isTrue();
  }

  @Test
  void checkpoint_isTheSignedNote_andSizesAreConsistent() {
    TestPhone phone = approvedPhone();
    phone.submit(phone.sign("一"), true);
    Http.Response first = http.get("/api/v1/ledger/checkpoint", null);
    assertThat(first.header("Content-Type")).startsWith("text/plain");
    VerifiedCheckpoint a = CheckpointVerifier.verify(first.body(), logKey, List.of());
    phone.submit(phone.sign("二"), true);
    VerifiedCheckpoint b = CheckpointVerifier.verify(http.get("/api/v1/ledger/checkpoint", null).body(), logKey, List.of());
    assertThat(b.checkpoint().size()).isGreaterThan(a.checkpoint().size());
    assertThat(http.get("/api/v1/ledger/checkpoint?size=" + a.checkpoint().size(), null).body()).isEqualTo(first.body());
    JsonObject proof = http.get("/api/v1/ledger/consistency?from=" + a.checkpoint().size() + "&to=" + b.checkpoint().size(), null).json();
    List<byte[]> hashes = proof.getJsonArray("proof").stream().map(h -> Hex.decode((String) h)).toList();
    MerkleVerifier.verifyConsistency(TreeHasher.SM3, a.checkpoint().size(), b.checkpoint().size(), hashes,
        a.checkpoint().root(), b.checkpoint().root());
  }

  @Test
  void bundle_passesTheOfflineVerifier_andVerifyMainSaysOk_orExactlyWhatFailed() throws Exception {
    TestPhone phone = approvedPhone();
    RecordEnvelope record = phone.sign("审计");
    phone.submit(record, true);
    phone.submit(phone.sign("之后"), true);
    String bundle = http.get("/api/v1/ledger/records/" + record.recordId() + "/bundle", phone.token()).body();
    assertThat(new OfflineVerifier().verify(AuditBundle.parse(bundle)).passed()).isTrue();
    assertThat(VerifyRun.run(bundle).exit()).isEqualTo(0);
    VerifyRun tampered = VerifyRun.run(bundle.replace("审计", "审记"));
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.output()).contains("FAIL");
  }

  @Test
  void bundle_ofAnotherWorkersRecord_isNotFound_forAWorker() {
    TestPhone phone = approvedPhone();
    RecordEnvelope record = phone.sign("私密");
    phone.submit(record, true);
    assertThat(http.get("/api/v1/ledger/records/" + record.recordId() + "/bundle", app.login("worker2", "Demo@2026")).status())
        .isEqualTo(404);
  }

  static void assertRefused(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:" + slug);
  }

  static long count(String sql) throws Exception {
    try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
