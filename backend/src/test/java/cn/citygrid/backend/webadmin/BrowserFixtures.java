package cn.citygrid.backend.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * What the browser test needs beyond the demo city, made through the real API: a device enrollment
 * waiting for approval, a signed record in the log with its receipt, an uncertain person match in
 * the review queue (a 公安 row without an ID number, naming a known person), an event report with a
 * photo synced as a phone does (slot, upload, SM3 check, record), a proposed house-area edit that
 * waits for review, and a house of the worker's grid (with a visit naming it) for the map and a task.
 */
final class BrowserFixtures {
  private static final String GONGAN = "人员编号,身份证号,姓名,性别,民族,出生日期,户籍地,现住址,联系电话,与户主关系,户号,居住类型\n";

  private BrowserFixtures() {}

  static JsonObject create(TestApp app, TestDatabase db, String password) throws Exception {
    Http http = app.http();
    String worker = app.login("worker", password);
    String supervisor = app.login("supervisor", password);
    String admin = app.login("admin", password);

    TestPhone pending = new TestPhone(http, worker);
    pending.enroll();

    TestPhone phone = new TestPhone(http, worker).enrolledAndApproved(supervisor);
    RecordEnvelope record = phone.sign("浏览器测试：入户走访");
    Http.Response submitted = phone.submit(record, true);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

    String[] known = knownPerson(db);
    String row = "E2E001,," + known[0] + "," + ("1".equals(known[1]) ? "男" : "女") + ",汉," + known[2] + ",440304,,,02,,\n";
    Http.Response imported = http.postFile("/api/v1/governance/imports?source=gongan_hukou", admin, "file", "公安户籍-e2e.csv",
        (GONGAN + row).getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().getLong("reviews")).as(imported.body()).isEqualTo(1);

    String[] house = occupiedHouse(db);
    // The house the map shows: a visit naming it, so that its panel lists the visit.
    RecordEnvelope houseVisit = phone.sign(TestPhone.VISIT, Map.of("houseId", house[0], "note", "浏览器测试：地图上的房屋"), List.of(),
        Instant.now());
    Http.Response visited = phone.submit(houseVisit, true);
    assertThat(visited.status()).as(visited.body()).isEqualTo(201);
    RecordEnvelope photoRecord = eventWithPhoto(phone);
    // The event (and with it the record's point) is written by the projector, which runs behind the sync.
    app.app().sync().projector().drain().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    RecordEnvelope proposal = phone.sign(new FormRef("citygrid.proposal", "1"),
        Map.of("entity", "house", "id", house[0], "field", "areaM2", "value", "88.5"), List.of(), Instant.now());
    JsonObject decided = phone.sync("proposals", List.of(proposal)).json().getJsonArray("results").getJsonObject(0);
    assertThat(decided.getString("outcome")).as(decided.encode()).isEqualTo("review");

    return new JsonObject().put("pendingDevice", pending.deviceId).put("recordId", record.recordId())
        .put("reviewCandidate", Long.parseLong(known[3])).put("photoRecordId", photoRecord.recordId())
        .put("proposalRecordId", proposal.recordId()).put("taskHouseId", house[0]).put("houseVisitRecordId", houseVisit.recordId());
  }

  /** An event report with one photo, synced as a phone syncs it: the record waits until the photo is uploaded and checked. */
  private static RecordEnvelope eventWithPhoto(TestPhone phone) throws Exception {
    byte[] photo = jpeg();
    String sm3 = cn.citygrid.sync.protocol.crypto.Sm3.hex(photo);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", Map.of("category", "municipal", "description", "浏览器测试：井盖缺失，位于莲花路与新洲路交叉口", "urgency", "urgent"));
    payload.put("place", Map.of("location", "22.5431 114.0579 15 6"));
    payload.put("media", Map.of("photo_1", "p1.jpg"));
    payload.put("photo_count", 1);
    RecordEnvelope record = phone.sign(new FormRef(BuiltInForms.EVENT_REPORT, BuiltInForms.VERSION), payload,
        List.of(new AttachmentRef("p1.jpg", "image/jpeg", photo.length, sm3)), Instant.now());
    JsonObject slot = phone.post("/api/v1/sync/attachments", new JsonObject().put("attachments", new JsonArray()
        .add(new JsonObject().put("sm3", sm3).put("size", photo.length).put("mediaType", "image/jpeg"))))
        .json().getJsonArray("slots").getJsonObject(0);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(slot.getString("url"))).PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
    slot.getJsonObject("headers").forEach(h -> put.header(h.getKey(), String.valueOf(h.getValue())));
    assertThat(HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    Http.Response complete = phone.post("/api/v1/sync/attachments/" + sm3 + "/complete", new JsonObject().putNull("uploadId"));
    assertThat(complete.status()).as(complete.body()).isEqualTo(200);
    JsonObject result = phone.sync("records", List.of(record)).json().getJsonArray("results").getJsonObject(0);
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("accepted");
    return record;
  }

  /** A 640×480 orange JPEG. */
  private static byte[] jpeg() throws Exception {
    var image = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(java.awt.Color.ORANGE);
    g.fillRect(0, 0, 640, 480);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** A house with residents in the worker's grid: its id and a resident's. */
  private static String[] occupiedHouse(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT h.id, min(r.person_id) FROM grid.house h JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL
        WHERE h.grid_code = (SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id
                             WHERE a.username = 'worker' LIMIT 1)
        GROUP BY h.id ORDER BY h.id LIMIT 1""")) {
      assertThat(rs.next()).as("an occupied house in the worker's grid").isTrue();
      return new String[] {rs.getString(1), rs.getString(2)};
    }
  }

  /** Name, gender, birth date and id of a person whose name nobody else has (so the match is uncertain, not new). */
  private static String[] knownPerson(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT p.name, p.gender, p.birth_date, p.id FROM grid.person p
        WHERE p.birth_date < date '2000-01-01' AND (SELECT count(*) FROM grid.person q WHERE q.name = p.name) = 1
        ORDER BY p.id LIMIT 1""")) {
      assertThat(rs.next()).as("a person with a unique name in the demo city").isTrue();
      return new String[] {rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate().toString(), String.valueOf(rs.getLong(4))};
    }
  }
}
