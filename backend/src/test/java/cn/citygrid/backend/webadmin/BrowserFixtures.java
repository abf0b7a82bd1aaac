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
 * What the browser test needs beyond the demo city, made through the real API: device enrollments
 * waiting for approval and for rejection and an approved device to revoke, a signed record in the log
 * with its receipt, two uncertain person matches in the review queue (公安 rows without an ID number,
 * each naming a known person; the missing numbers open a work order), an enterprise registered again by
 * 市场监管 (its portrait's provenance), an event report with a
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
    // One more to reject, and an approved one to revoke (not the phone below, whose records the test opens).
    TestPhone toReject = new TestPhone(http, worker);
    toReject.enroll();
    TestPhone toRevoke = new TestPhone(http, worker).enrolledAndApproved(supervisor);

    TestPhone phone = new TestPhone(http, worker).enrolledAndApproved(supervisor);
    RecordEnvelope record = phone.sign("浏览器测试：入户走访");
    Http.Response submitted = phone.submit(record, true);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

    // Two rows without an ID number naming known persons: two uncertain matches (one to merge, one to keep apart),
    // and each missing ID number is a completeness issue, so 公安 gets an open work order.
    List<String[]> known = knownPersons(db);
    StringBuilder rows = new StringBuilder(GONGAN);
    for (int i = 0; i < known.size(); i++) {
      String[] p = known.get(i);
      rows.append("E2E00").append(i + 1).append(",,").append(p[0]).append(',').append("1".equals(p[1]) ? "男" : "女")
          .append(",汉,").append(p[2]).append(",440304,,,02,,\n");
    }
    Http.Response imported = http.postFile("/api/v1/governance/imports?source=gongan_hukou", admin, "file", "公安户籍-e2e.csv",
        rows.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().getLong("reviews")).as(imported.body()).isEqualTo(2);
    long workOrder = openWorkOrder(http, admin, "gongan_hukou", "completeness.required");
    JsonObject enterprise = registeredEnterprise(http, db, admin);

    String[] house = occupiedHouse(db);
    // The house the map shows: a visit naming it, so that its panel lists the visit.
    RecordEnvelope houseVisit = phone.sign(TestPhone.VISIT, Map.of("houseId", house[0], "note", "浏览器测试：地图上的房屋"), List.of(),
        Instant.now());
    Http.Response visited = phone.submit(houseVisit, true);
    assertThat(visited.status()).as(visited.body()).isEqualTo(201);
    RecordEnvelope photoRecord = eventWithPhoto(phone, eventPoint(db, house[0]));
    // The event (and with it the record's point) is written by the projector, which runs behind the sync.
    app.app().sync().projector().drain().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    RecordEnvelope proposal = phone.sign(new FormRef("citygrid.proposal", "1"),
        Map.of("entity", "house", "id", house[0], "field", "areaM2", "value", "88.5"), List.of(), Instant.now());
    JsonObject decided = phone.sync("proposals", List.of(proposal)).json().getJsonArray("results").getJsonObject(0);
    assertThat(decided.getString("outcome")).as(decided.encode()).isEqualTo("review");

    return new JsonObject().put("pendingDevice", pending.deviceId).put("recordId", record.recordId())
        .put("reviewCandidate", Long.parseLong(known.get(0)[3])).put("distinctCandidate", Long.parseLong(known.get(1)[3]))
        .put("photoRecordId", photoRecord.recordId())
        .put("proposalRecordId", proposal.recordId()).put("taskHouseId", house[0]).put("houseVisitRecordId", houseVisit.recordId())
        .put("rejectDevice", toReject.deviceId).put("revokeDevice", toRevoke.deviceId).put("workOrderId", workOrder)
        .put("outsideHouseAddress", outsideHouseAddress(db, house[0])).mergeIn(enterprise);
  }

  /** The open work order of a source and rule, which the import must have opened. */
  private static long openWorkOrder(Http http, String admin, String source, String rule) {
    JsonObject orders = http.get("/api/v1/governance/work-orders?status=open&size=100", admin).json();
    return orders.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(o -> source.equals(o.getString("source")) && rule.equals(o.getString("rule"))).findFirst()
        .orElseThrow(() -> new AssertionError("no open work order for " + source + " " + rule + ": " + orders.encode()))
        .getLong("id");
  }

  /**
   * An enterprise of the supervisor's scope with a name nobody else has, registered again by 市场监管 (its own name
   * and kind, a new industry), so that its portrait names that batch and row as the source of those facts.
   */
  private static JsonObject registeredEnterprise(Http http, TestDatabase db, String admin) throws Exception {
    String[] firm;
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT e.credit_code, e.name, e.kind FROM grid.enterprise e JOIN auth.account_scope s ON e.grid_code LIKE s.node_code || '%'
          JOIN auth.account a ON a.id = s.account_id
        WHERE a.username = 'supervisor' AND (SELECT count(*) FROM grid.enterprise o WHERE o.name = e.name) = 1
        ORDER BY e.id LIMIT 1""")) {
      assertThat(rs.next()).as("an enterprise with a unique name in the supervisor's scope").isTrue();
      firm = new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
    }
    String csv = "统一社会信用代码,企业名称,企业类型,所属行业,成立日期,注册资本(万元),住所,法定代表人,法定代表人证件号码\n"
        + firm[0] + "," + firm[1] + "," + firm[2] + ",科技推广和应用服务业,2019-03-04,300,,,\n";
    Http.Response imported = http.postFile("/api/v1/governance/imports?source=shichang_registry", admin, "file", "企业登记-e2e.csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    return new JsonObject().put("enterpriseCode", firm[0]).put("enterpriseName", firm[1])
        .put("enterpriseBatch", imported.json().getLong("batchId"));
  }

  /** The address of a house outside the grid of {@code houseId} (a worker of that grid must not find it). */
  private static String outsideHouseAddress(TestDatabase db, String houseId) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT o.address FROM grid.house o, grid.house h
        WHERE h.id = %s AND o.grid_code <> h.grid_code AND (SELECT count(*) FROM grid.house x WHERE x.address = o.address) = 1
        ORDER BY o.id LIMIT 1""".formatted(Long.parseLong(houseId)))) {
      assertThat(rs.next()).as("a house outside the grid of house %s", houseId).isTrue();
      return rs.getString(1);
    }
  }

  /**
   * An event report with one photo at {@code latLon} ("lat lon", the XForm geopoint order), synced as a phone
   * syncs it: the record waits until the photo is uploaded and checked.
   */
  private static RecordEnvelope eventWithPhoto(TestPhone phone, String latLon) throws Exception {
    byte[] photo = jpeg();
    String sm3 = cn.citygrid.sync.protocol.crypto.Sm3.hex(photo);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", Map.of("category", "municipal", "description", "浏览器测试：井盖缺失，位于莲花路与新洲路交叉口", "urgency", "urgent"));
    payload.put("place", Map.of("location", latLon + " 15 6"));
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

  /**
   * Where the event report is made ("lat lon"): a point of the map's house's grid 80 m or more from that house (the
   * nearest of 200 seeded random points), so that the event is drawn in a grid the supervisor sees and clicks on the
   * house (zoom 15 and 18) do not land on the event's dot.
   */
  private static String eventPoint(TestDatabase db, String houseId) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT ST_Y(d.p) || ' ' || ST_X(d.p) FROM grid.house h JOIN grid.unit_grid g ON g.code = h.grid_code,
          LATERAL (SELECT (ST_Dump(ST_GeneratePoints(g.geom, 200, 7))).geom AS p) d
        WHERE h.id = %s AND NOT ST_DWithin(d.p::geography, h.geom::geography, 80)
        ORDER BY ST_Distance(d.p::geography, h.geom::geography) LIMIT 1""".formatted(Long.parseLong(houseId)))) {
      assertThat(rs.next()).as("a point of the grid of house %s 80 m or more from it", houseId).isTrue();
      return rs.getString(1);
    }
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

  /** Name, gender, birth date and id of two persons whose names nobody else has (so each match is uncertain, not new). */
  private static List<String[]> knownPersons(TestDatabase db) throws Exception {
    List<String[]> out = new java.util.ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT p.name, p.gender, p.birth_date, p.id FROM grid.person p
        WHERE p.birth_date < date '2000-01-01' AND (SELECT count(*) FROM grid.person q WHERE q.name = p.name) = 1
        ORDER BY p.id LIMIT 2""")) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate().toString(), String.valueOf(rs.getLong(4))});
      }
    }
    assertThat(out).as("two persons with unique names in the demo city").hasSize(2);
    return out;
  }
}
