package cn.citygrid.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.Timestamps;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sync server end to end over HTTP: forms, records, attachments in the embedded S3, the feed, proposals, tasks. */
class SyncIT {
  static final FormRef VISIT = new FormRef(BuiltInForms.HOUSEHOLD_VISIT, BuiltInForms.VERSION);
  static final FormRef EVENT = new FormRef(BuiltInForms.EVENT_REPORT, BuiltInForms.VERSION);
  static final FormRef PROPOSAL = new FormRef("citygrid.proposal", "1");

  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String supervisor;
  static String workerGrid;
  static NoteVerifier logKey;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(SyncIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db);
    http = app.http();
    supervisor = app.login("supervisor", "Demo@2026");
    workerGrid = scalar("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'worker'");
    logKey = http.logKey();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  /** A visit to {@code house} (its id and a resident's person id) naming that resident, present or not ("yes"/"no"), signed now. */
  static RecordEnvelope residentVisit(TestPhone phone, String[] house, String present) {
    return phone.sign(VISIT, visit(house[0], List.of(member("person_id", house[1], "name", "某某", "residence_kind", "resident",
        "moved_out", "no", "present", present))), List.of(), Instant.now());
  }

  static TestPhone phone(String worker) {
    return new TestPhone(http, app.login(worker, "Demo@2026")).enrolledAndApproved(supervisor);
  }

  static String scalar(String sql) throws Exception {
    return db.scalar(sql);
  }

  static void exec(String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A house of the worker's grid with at least one resident: [house id, a resident's person id]. */
  static String[] occupiedHouse(int skip) throws Exception {
    return occupiedHouse("h.grid_code = '" + workerGrid + "'", skip);
  }

  /** The same, of a house matching {@code where} (about {@code h}). */
  static String[] occupiedHouse(String where, int skip) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT h.id, min(r.person_id) FROM grid.house h JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL
        WHERE %s GROUP BY h.id ORDER BY h.id OFFSET %d LIMIT 1""".formatted(where, skip))) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2)};
    }
  }

  static Map<String, Object> visit(String houseId, List<Map<String, Object>> members) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("visit", Map.of("house_id", houseId, "visit_result", "at_home"));
    p.put("members", members);
    p.put("wrap_up", Map.of("location", "22.5431 114.0579 12.5 4.8", "notes", "入户核实"));
    p.put("resident_count", members.stream().filter(m -> !"yes".equals(m.get("moved_out"))).count());
    p.put("present_count", members.stream().filter(m -> "yes".equals(m.get("present"))).count());
    return p;
  }

  static Map<String, Object> member(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static JsonObject only(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray results = r.json().getJsonArray("results");
    assertThat(results).hasSize(1);
    return results.getJsonObject(0);
  }

  static void drainProjector() throws Exception {
    app.app().sync().projector().drain().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void formVersions_arePublishedOnce_andNeverChange() {
    String worker = app.login("worker", "Demo@2026");
    JsonArray forms = http.get("/api/v1/forms", worker).json().getJsonArray("items");
    assertThat(forms.stream().map(f -> ((JsonObject) f).getString("formId") + "@" + ((JsonObject) f).getString("version")))
        .contains("household-visit@" + BuiltInForms.VERSION, "check-in@" + BuiltInForms.VERSION);

    String xml = new String(BuiltInForms.form(BuiltInForms.CHECK_IN).xml(), StandardCharsets.UTF_8)
        .replace("version=\"" + BuiltInForms.VERSION + "\"", "version=\"2026120101\"");
    Map<String, String> asXml = Map.of("Content-Type", "application/xml");
    assertThat(http.send("POST", "/api/v1/forms", supervisor, xml, asXml).status()).isEqualTo(201);
    Http.Response again = http.send("POST", "/api/v1/forms", supervisor, xml, asXml);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("status")).isEqualTo("unchanged");
    Http.Response changed = http.send("POST", "/api/v1/forms", supervisor, xml.replace("签到", "打卡"), asXml);
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.json().getString("type")).isEqualTo("urn:citygrid:problem:form-version-conflict");
    Http.Response broken = http.send("POST", "/api/v1/forms", supervisor, "<h:html><unclosed>", asXml);
    assertThat(broken.status()).isEqualTo(422);
    assertThat(broken.json().getString("code")).isEqualTo("malformed-xml");
    assertThat(http.send("POST", "/api/v1/forms", worker, xml, asXml).status()).isEqualTo(403);
    JsonObject fields = http.get("/api/v1/forms/check-in/versions/2026120101/fields", worker).json();
    assertThat(fields.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("path"))).contains("/place_code");
  }

  /** A supervisor's upload is a form version for their territory: its workers get it, others neither see nor retire it. */
  @Test
  void aSupervisorsFormVersion_reachesTheirTerritoryOnly() throws Exception {
    String street = scalar("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id"
        + " WHERE a.username = 'supervisor'");
    String otherStreet = scalar("SELECT code FROM grid.region WHERE level = 4 AND code <> '" + street + "' ORDER BY code LIMIT 1");
    String admin = app.login("admin", "Demo@2026");
    for (String[] user : new String[][] {{"worker-elsewhere", "GRID_WORKER"}, {"sup-elsewhere", "SUPERVISOR"}}) {
      Http.Response created = http.postJson("/api/v1/users", admin, new JsonObject().put("username", user[0])
          .put("password", "Passw0rd!x").put("displayName", "别处").put("roles", new JsonArray().add(user[1]))
          .put("scope", new JsonArray().add(otherStreet)));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    String version = "2026120202";
    String xml = new String(BuiltInForms.form(BuiltInForms.CHECK_IN).xml(), StandardCharsets.UTF_8)
        .replace("version=\"" + BuiltInForms.VERSION + "\"", "version=\"" + version + "\"");
    Map<String, String> asXml = Map.of("Content-Type", "application/xml");
    assertThat(http.send("POST", "/api/v1/forms", supervisor, xml, asXml).status()).isEqualTo(201);

    String id = "check-in@" + version;
    JsonObject listed = http.get("/api/v1/forms", app.login("worker", "Demo@2026")).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(f -> (f.getString("formId") + "@" + f.getString("version")).equals(id))
        .findFirst().orElseThrow();
    assertThat(listed.getJsonArray("audience").getList()).containsExactly(street);
    String elsewhere = app.login("worker-elsewhere", "Passw0rd!x");
    assertThat(http.get("/api/v1/forms", elsewhere).json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(f -> f.getString("formId") + "@" + f.getString("version"))).doesNotContain(id)
        .contains("check-in@" + BuiltInForms.VERSION);

    List<String> here = phone("worker").pull(new String[] {null}).stream()
        .filter(c -> "form".equals(c.getString("entity"))).map(c -> c.getString("id")).toList();
    assertThat(here).contains(id, "check-in@" + BuiltInForms.VERSION);
    TestPhone far = new TestPhone(http, elsewhere).enrolledAndApproved(admin);
    List<String> there = far.pull(new String[] {null}).stream()
        .filter(c -> "form".equals(c.getString("entity"))).map(c -> c.getString("id")).toList();
    assertThat(there).contains("check-in@" + BuiltInForms.VERSION).doesNotContain(id);

    String retire = "/api/v1/forms/check-in/versions/" + version + "/retire";
    assertThat(http.send("POST", retire, app.login("sup-elsewhere", "Passw0rd!x"), null, Map.of()).status()).isEqualTo(403);
    Http.Response builtIn = http.send("POST", "/api/v1/forms/check-in/versions/" + BuiltInForms.VERSION + "/retire",
        supervisor, null, Map.of());
    assertThat(builtIn.status()).as("a version for the whole city").isEqualTo(403);
    assertThat(builtIn.json().getString("detail")).contains("管理员");
    assertThat(http.send("POST", retire, supervisor, null, Map.of()).status()).isEqualTo(204);
    assertThat(http.send("POST", retire, supervisor, null, Map.of()).status()).isEqualTo(404);

    // The same XML from the other street's supervisor: the version now reaches both streets (published for them).
    String shared = xml.replace("version=\"" + version + "\"", "version=\"2026120203\"");
    assertThat(http.send("POST", "/api/v1/forms", supervisor, shared, asXml).status()).isEqualTo(201);
    Http.Response again = http.send("POST", "/api/v1/forms", app.login("sup-elsewhere", "Passw0rd!x"), shared, asXml);
    assertThat(again.status()).isEqualTo(201);
    assertThat(http.send("POST", "/api/v1/forms", app.login("sup-elsewhere", "Passw0rd!x"), shared, asXml).status())
        .as("and once more: unchanged").isEqualTo(200);
    JsonObject widened = http.get("/api/v1/forms", elsewhere).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(f -> "2026120203".equals(f.getString("version"))).findFirst().orElseThrow();
    assertThat(widened.getJsonArray("audience").getList()).containsExactlyInAnyOrder(street, otherStreet);
  }

  @Test
  void householdVisit_isAccepted_withAReceipt_andBecomesResidencesCareFlagsAndANewPerson() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(0);
    String newId = CitizenId.of("440304", LocalDate.of(1988, 3, 14), 123);
    RecordEnvelope record = phone.sign(VISIT, visit(house[0], List.of(
        member("person_id", house[1], "name", scalar("SELECT name FROM grid.person WHERE id = " + house[1]),
            "residence_kind", "owner", "moved_out", "no", "present", "yes", "care_flags", List.of("elderly_alone")),
        member("name", "周新来", "id_number", newId, "residence_kind", "tenant", "moved_out", "no", "present", "yes"))),
        List.of(), Instant.now());

    Http.Response upload = phone.sync("records", List.of(record));
    // The protocol's one timestamp spelling (exactly milliseconds), which the phone's client insists on.
    JsonObject serverClock = upload.json().getJsonObject("serverClock");
    assertThat(Timestamps.parse(serverClock.getString("sent"))).isAfterOrEqualTo(Timestamps.parse(serverClock.getString("received")));
    JsonObject result = only(upload);
    assertThat(result.getString("status")).isEqualTo("accepted");
    assertThat(result.getJsonArray("flags")).isEmpty();
    Receipt receipt = Receipt.parse(result.getJsonObject("receipt").encode());
    receipt.verify(new LogEntry(record, Timestamps.parse(result.getString("receivedAt"))), logKey, List.of());

    drainProjector();
    assertThat(scalar("SELECT count(*) FROM grid.person p JOIN grid.residence r ON r.person_id = p.id AND r.until IS NULL"
        + " WHERE p.name = '周新来' AND r.house_id = " + house[0] + " AND r.kind = 'tenant' AND r.source = 'field_visit'")).isEqualTo("1");
    assertThat(scalar("SELECT 'elderly_alone' = ANY (care_flags) FROM grid.person WHERE id = " + house[1])).isEqualTo("t");
    assertThat(scalar("SELECT count(*) FROM gov.confirmation WHERE source = 'field_visit' AND person_id = " + house[1])).isEqualTo("1");
    assertThat(scalar("SELECT facts FROM sync.projection WHERE record_id = '" + record.recordId() + "'"))
        .as("two residences and one care flag").isEqualTo("3");
    String shown = http.get("/api/v1/records/" + record.recordId(), supervisor).json().getJsonObject("answers").encode();
    assertThat(shown).doesNotContain(newId).contains(CitizenId.mask(newId)).doesNotContain("周新来").contains("周**");
    String visiting = http.get("/api/v1/records/" + record.recordId() + "?purpose=visit", supervisor).json()
        .getJsonObject("answers").encode();
    assertThat(visiting).contains("周新来").doesNotContain(newId);
    assertThat(scalar("SELECT string_agg(purpose || ':' || clear_fields, ' ' ORDER BY seq)"
        + " FROM gov.access_log WHERE action = 'field-record' AND subject_id = " + house[1]))
        .as("both reads of the resident named by id are logged").isEqualTo("browse: visit:name");
  }

  @Test
  void aVisitNamingAHouseAndPersonOutsideTheWorkersGrids_isKeptSigned_butChangesNothing() throws Exception {
    TestPhone phone = phone("worker");
    String[] foreign = occupiedHouse("h.grid_code <> '" + workerGrid + "'", 0);
    RecordEnvelope record = phone.sign(VISIT, visit(foreign[0], List.of(member("person_id", foreign[1],
        "name", scalar("SELECT name FROM grid.person WHERE id = " + foreign[1]), "residence_kind", "owner",
        "moved_out", "no", "present", "yes", "phone", "13911112222", "care_flags", List.of("elderly_alone")))),
        List.of(), Instant.now());
    JsonObject result = only(phone.sync("records", List.of(record)));
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("accepted");

    drainProjector();
    assertThat(scalar("SELECT problem FROM sync.projection WHERE record_id = '" + record.recordId() + "'"))
        .startsWith("outside the author's grids: houses " + foreign[0]).contains("persons " + foreign[1]);
    assertThat(scalar("SELECT count(*) FROM grid.residence WHERE until IS NULL AND person_id = " + foreign[1]
        + " AND house_id = " + foreign[0])).isEqualTo("1");
    assertThat(scalar("SELECT phone_mask FROM grid.person WHERE id = " + foreign[1])).isNotEqualTo("139****2222");
    assertThat(scalar("SELECT 'elderly_alone' = ANY (care_flags) FROM grid.person WHERE id = " + foreign[1])).isEqualTo("f");
  }

  @Test
  void theSameBytes_areADuplicate_butTheSamePayloadSignedAgain_isAConflict() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(1);
    RecordEnvelope record = residentVisit(phone, house, "no");
    JsonObject first = only(phone.sync("records", List.of(record)));
    JsonObject again = only(phone.sync("records", List.of(record)));
    assertThat(again.getString("status")).isEqualTo("duplicate");
    assertThat(again.getString("receivedAt")).isEqualTo(first.getString("receivedAt"));
    assertThat(again.getJsonObject("receipt")).isNotNull();

    RecordEnvelope resigned = RecordEnvelope.sign(phone.keys.privateKey(), phone.deviceId, phone.keys.publicKey().keyId(),
        VISIT, record.capturedAt(), record.payload(), List.of());
    assertThat(resigned.recordId()).isEqualTo(record.recordId());
    JsonObject conflict = only(phone.sync("records", List.of(resigned)));
    assertThat(conflict.getString("status")).isEqualTo("rejected");
    assertThat(conflict.getJsonObject("problem").getString("type")).isEqualTo("urn:citygrid:problem:record-id-conflict");
  }

  @Test
  void theAuditBundle_carriesTheOriginal_soEveryPersonItNamesIsALoggedRead() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(8);
    RecordEnvelope record = residentVisit(phone, house, "yes");
    assertThat(only(phone.sync("records", List.of(record))).getString("status")).isEqualTo("accepted");
    String rid = "bundle-read-" + System.nanoTime();
    Http.Response bundle = http.send("GET", "/api/v1/ledger/records/" + record.recordId() + "/bundle?purpose=case", supervisor,
        null, Map.of("X-Request-Id", rid));
    assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
    assertThat(bundle.body()).contains("某某");
    assertThat(db.rows("SELECT subject_id, action, purpose, clear_fields FROM gov.access_log WHERE request_id = '" + rid + "'"))
        .singleElement().satisfies(e -> assertThat(e).containsExactly(Long.parseLong(house[1]), "audit-bundle", "case",
            "id_number,name,phone"));
  }

  @Test
  void badRecords_areRejectedOneByOne_andBadRequestsAsAWhole() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(2);
    RecordEnvelope good = residentVisit(phone, house, "no");
    RecordEnvelope invalid = phone.sign(VISIT, visit(house[0], List.of(member("person_id", house[1], "name", "某某",
        "residence_kind", "landlord", "moved_out", "no", "present", "no"))), List.of(), Instant.now());
    RecordEnvelope unknownForm = phone.sign(new FormRef("household-visit", "1999010101"), Map.of("x", "y"), List.of(), Instant.now());
    Http.Response r = phone.sync("records", List.of(good, invalid, unknownForm));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray results = r.json().getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
    JsonObject problem = results.getJsonObject(1).getJsonObject("problem");
    assertThat(problem.getString("type")).isEqualTo("urn:citygrid:problem:record-invalid");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/members/0/residence_kind");
    assertThat(results.getJsonObject(2).getJsonObject("problem").getString("type")).isEqualTo("urn:citygrid:problem:form-unknown");

    Http.Response noDevice = http.send("POST", "/api/v1/sync/records", phone.token(), "{}", Map.of("Content-Type", "application/json"));
    assertThat(noDevice.status()).isEqualTo(400);
    assertThat(noDevice.json().getString("type")).isEqualTo("urn:citygrid:problem:device-header");
    TestPhone other = phone("worker2");
    Http.Response notMine = http.send("POST", "/api/v1/sync/records", phone.token(),
        new JsonObject().put("deviceId", other.deviceId).put("records", new JsonArray().add(new JsonObject(good.toJson()))).encode(),
        Map.of("Content-Type", "application/json", "X-Device-Id", other.deviceId));
    assertThat(notMine.status()).isEqualTo(403);
    assertThat(notMine.json().getString("type")).isEqualTo("urn:citygrid:problem:device-not-yours");
    TestPhone pending = new TestPhone(http, app.login("worker", "Demo@2026"));
    pending.enroll();
    assertThat(pending.sync("records", List.of(good)).json().getString("type")).isEqualTo("urn:citygrid:problem:device-not-approved");
  }

  @Test
  void theSameBatchThreeTimesAtOnce_isStoredOnce() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(3);
    List<RecordEnvelope> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(phone.sign(VISIT, visit(house[0], List.of(member("person_id", house[1], "name", "某某" + i,
          "residence_kind", "resident", "moved_out", "no", "present", "no"))), List.of(), Instant.now()));
    }
    List<CompletableFuture<Http.Response>> copies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      copies.add(CompletableFuture.supplyAsync(() -> phone.sync("records", batch)));
    }
    Map<String, List<String>> statuses = new LinkedHashMap<>();
    for (CompletableFuture<Http.Response> c : copies) {
      Http.Response r = c.get(60, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().getJsonArray("results").forEach(o -> statuses.computeIfAbsent(((JsonObject) o).getString("recordId"),
          k -> new ArrayList<>()).add(((JsonObject) o).getString("status")));
    }
    assertThat(statuses).hasSize(20);
    statuses.values().forEach(s -> assertThat(s).containsExactlyInAnyOrder("accepted", "duplicate", "duplicate"));
    String ids = String.join("','", statuses.keySet());
    assertThat(scalar("SELECT count(*) FROM ledger.record WHERE id IN ('" + ids + "')")).isEqualTo("20");
  }

  static byte[] jpeg() throws Exception {
    return jpeg(java.awt.Color.ORANGE);
  }

  /** A 640×480 JPEG of one colour: another colour, another SM3. */
  static byte[] jpeg(java.awt.Color colour) throws Exception {
    var image = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 640, 480);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** A municipal event report in Lianhua Road with one photo, named {@code photo} in the record's attachments. */
  private static Map<String, Object> eventWithPhoto(String description, String urgency, String photo) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", Map.of("category", "municipal", "description", description, "urgency", urgency));
    payload.put("place", Map.of("location", "22.5431 114.0579 15 6"));
    payload.put("media", Map.of("photo_1", photo));
    payload.put("photo_count", 1);
    return payload;
  }

  /** The server's answer for uploading one file, as the phone asks before it sends the bytes. */
  private static JsonObject slot(TestPhone phone, String sm3, long size, String mediaType) {
    return phone.post("/api/v1/sync/attachments", new JsonObject().put("attachments", new JsonArray()
        .add(new JsonObject().put("sm3", sm3).put("size", size).put("mediaType", mediaType))))
        .json().getJsonArray("slots").getJsonObject(0);
  }

  @Test
  void anEventReport_waitsForItsPhoto_whichIsCheckedBySm3_andShownToSupervisorsAsAThumbnail() throws Exception {
    TestPhone phone = phone("worker");
    byte[] photo = jpeg();
    String sm3 = Sm3.hex(photo);
    RecordEnvelope record = phone.sign(EVENT, eventWithPhoto("井盖缺失，位于莲花路与新洲路交叉口东北角", "urgent", "p1.jpg"),
        List.of(new AttachmentRef("p1.jpg", "image/jpeg", photo.length, sm3)), Instant.now());

    JsonObject waiting = only(phone.sync("records", List.of(record)));
    assertThat(waiting.getString("status")).isEqualTo("retry");
    assertThat(waiting.getJsonObject("problem").getJsonArray("missing")).containsExactly(sm3);

    JsonObject slot = slot(phone, sm3, photo.length, "image/jpeg");
    assertThat(slot.getString("status")).isEqualTo("put");
    byte[] wrong = photo.clone();
    wrong[wrong.length / 2] ^= 1;
    assertThat(put(slot, wrong)).isEqualTo(200);
    Http.Response mismatch = phone.post("/api/v1/sync/attachments/" + sm3 + "/complete", new JsonObject().putNull("uploadId"));
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.json().getString("actual")).isEqualTo(Sm3.hex(wrong));

    assertThat(put(slot, photo)).isEqualTo(200);
    assertThat(phone.post("/api/v1/sync/attachments/" + sm3 + "/complete", new JsonObject().putNull("uploadId")).status()).isEqualTo(200);
    JsonObject accepted = only(phone.sync("records", List.of(record)));
    assertThat(accepted.getString("status")).isEqualTo("accepted");

    drainProjector();
    assertThat(scalar("SELECT category || ' ' || (grid_code IS NOT NULL) || ' ' || attachments[1] FROM grid.event WHERE record_id = '"
        + record.recordId() + "'")).isEqualTo("municipal true " + sm3);
    HttpResponse<byte[]> thumb = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base()
        + "/api/v1/records/" + record.recordId() + "/attachments/" + sm3 + "?size=256"))
        .header("Authorization", "Bearer " + supervisor).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(thumb.statusCode()).isEqualTo(200);
    var small = ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
    assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(256);
  }

  @Test
  void aRecordNamingAPhotoTheStoreNeverTakes_isRejected_notKeptWaiting() throws Exception {
    TestPhone phone = phone("worker");
    byte[] gif = "GIF89a 不是可接受的照片格式".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String sm3 = Sm3.hex(gif);
    RecordEnvelope record = phone.sign(EVENT, eventWithPhoto("GIF 照片测试：路灯不亮", "normal", "p1.gif"),
        List.of(new AttachmentRef("p1.gif", "image/gif", gif.length, sm3)), Instant.now());
    // The upload is refused first, as the phone would ask…
    JsonObject slot = slot(phone, sm3, gif.length, "image/gif");
    assertThat(slot.getJsonObject("problem").getString("type")).endsWith("attachment-refused");
    // …and the record that names it is refused for the same reason, not told to wait for bytes never taken.
    JsonObject refused = only(phone.sync("records", List.of(record)));
    assertThat(refused.getString("status")).isEqualTo("rejected");
    assertThat(refused.getJsonObject("problem").getString("type")).endsWith("attachment-refused");
    assertThat(refused.getJsonObject("problem").getString("reason")).isEqualTo("media_type");
    assertThat(refused.getJsonObject("problem").getString("detail")).contains("p1.gif", "image/gif");
    assertThat(scalar("SELECT count(*) FROM ledger.record WHERE id = '" + record.recordId() + "'")).isEqualTo("0");
  }

  @Test
  void theOriginalPhoto_isARedirectForExistingClients_andAJsonLinkWithRedirectFalse() throws Exception {
    TestPhone phone = phone("worker");
    byte[] photo = jpeg(java.awt.Color.CYAN);
    String sm3 = Sm3.hex(photo);
    RecordEnvelope record = phone.sign(EVENT, eventWithPhoto("原图测试：莲花路东段路灯不亮", "normal", "p1.jpg"),
        List.of(new AttachmentRef("p1.jpg", "image/jpeg", photo.length, sm3)), Instant.now());
    JsonObject slot = slot(phone, sm3, photo.length, "image/jpeg");
    assertThat(put(slot, photo)).isEqualTo(200);
    assertThat(phone.post("/api/v1/sync/attachments/" + sm3 + "/complete", new JsonObject().putNull("uploadId")).status()).isEqualTo(200);
    assertThat(only(phone.sync("records", List.of(record))).getString("status")).isEqualTo("accepted");
    String original = "/api/v1/records/" + record.recordId() + "/attachments/" + sm3 + "?size=original";
    HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> redirect = noRedirects.send(HttpRequest.newBuilder(URI.create(http.base() + original))
        .header("Authorization", "Bearer " + supervisor).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(303);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(URI.create(location).getHost()).as("the object store, another origin").isNotNull();

    Http.Response link = http.get(original + "&redirect=false", supervisor);
    assertThat(link.status()).as(link.body()).isEqualTo(200);
    assertThat(link.header("Content-Type")).startsWith("application/json");
    assertThat(link.header("Cache-Control")).isEqualTo("no-store");
    Instant expiresAt = Instant.parse(link.json().getString("expiresAt"));
    assertThat(expiresAt).isBetween(Instant.now().plusSeconds(4 * 60), Instant.now().plusSeconds(6 * 60));
    // opened as a browser opens a link: no token, no redirect, straight from the store
    HttpResponse<byte[]> opened = noRedirects.send(HttpRequest.newBuilder(URI.create(link.json().getString("url"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo(photo);

    Http.Response bad = http.get(original + "&redirect=maybe", supervisor);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("redirect");
    assertThat(http.get(original + "&redirect=false", app.login("worker", "Demo@2026")).status()).as("workers review no photos")
        .isEqualTo(403);
  }

  static int put(JsonObject slot, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(slot.getString("url"))).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    slot.getJsonObject("headers").forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static List<String> residents(List<JsonObject> changes) {
    return changes.stream().filter(c -> "resident".equals(c.getString("entity"))).map(c -> c.getString("id")).toList();
  }

  /**
   * A change written early and committed late is not skipped by a cursor that moved on meanwhile, and
   * the open transaction does not hold back the change that committed before it.
   */
  @Test
  void aChangeCommittedLate_stillReachesAPhoneWhoseCursorMovedOnMeanwhile() throws Exception {
    TestPhone phone = phone("worker");
    String[] cursor = {null};
    phone.pull(cursor);
    String early = occupiedHouse(1)[1];
    String late = occupiedHouse(2)[1];
    List<JsonObject> meanwhile;
    try (Connection slow = db.connect()) {
      slow.setAutoCommit(false);
      try (Statement s = slow.createStatement()) {
        // logged first, committed last
        s.execute("UPDATE grid.person SET care_flags = ARRAY['disabled'] WHERE id = " + early);
      }
      exec("UPDATE grid.person SET care_flags = ARRAY['low_income'] WHERE id = " + late);
      meanwhile = phone.pull(cursor);
      slow.commit();
    }
    assertThat(residents(meanwhile)).as("served while the early transaction is still open").contains(late)
        .doesNotContain(early);
    List<JsonObject> after = phone.pull(cursor);
    assertThat(residents(after)).as("served once it committed").contains(early).doesNotContain(late);
  }

  @Test
  void changesOlderThanTheRetention_areDropped_andACursorThatMayHaveNeededThem_startsOver() throws Exception {
    TestPhone phone = phone("worker");
    String[] before = {null};
    phone.pull(before);
    // A change to the worker's grid from a transaction 31 days old, as far as the log can tell.
    exec("INSERT INTO sync.change (entity, entity_id, grids, at) VALUES ('grid', '" + workerGrid + "', ARRAY['"
        + workerGrid + "'], now() - interval '31 days')");
    int dropped = app.app().sync().feed().purge(java.time.Duration.ofDays(30)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(dropped).isEqualTo(1);
    assertThat(scalar("SELECT count(*) FROM sync.change WHERE at < now() - interval '30 days'")).isEqualTo("0");
    assertThat(Long.parseLong(scalar("SELECT count(*) FROM sync.change"))).as("recent changes stay").isPositive();
    // The old cursor's base did not see that transaction, so it may have missed the change: the phone starts over.
    Http.Response stale = phone.get("/api/v1/sync/changes?limit=200&cursor=" + before[0]);
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.json().getBoolean("reset")).isTrue();
    String[] fresh = {null};
    phone.pull(fresh);
    assertThat(phone.get("/api/v1/sync/changes?limit=200&cursor=" + fresh[0]).json().getBoolean("reset")).isFalse();
  }

  @Test
  void theFeed_givesAWorkerTheirGridMasked_thenOnlyChanges_andTombstonesWhatLeavesTheirScope() throws Exception {
    TestPhone phone = phone("worker");
    String[] cursor = {null};
    List<JsonObject> snapshot = phone.pull(cursor);
    List<JsonObject> houses = snapshot.stream().filter(c -> c.getString("entity").equals("house")).toList();
    assertThat(houses).isNotEmpty().allSatisfy(h -> assertThat(h.getJsonObject("data").getString("gridCode")).isEqualTo(workerGrid));
    assertThat(Long.parseLong(scalar("SELECT count(*) FROM grid.house WHERE grid_code = '" + workerGrid + "'"))).isEqualTo(houses.size());
    List<JsonObject> residents = snapshot.stream().filter(c -> c.getString("entity").equals("resident")).toList();
    assertThat(residents).isNotEmpty().allSatisfy(r -> {
      String id = r.getJsonObject("data").getString("idNumber");
      assertThat(id == null || id.contains("*")).isTrue();
    });
    assertThat(snapshot).anySatisfy(c -> assertThat(c.getString("entity")).isEqualTo("form"));
    assertThat(snapshot).anySatisfy(c -> {
      assertThat(c.getString("entity")).isEqualTo("placecode-key");
      assertThat(c.getJsonObject("data").getString("publicKey")).startsWith("-----BEGIN PUBLIC KEY-----");
    });
    assertThat(Long.parseLong(scalar("SELECT count(*) FROM gov.access_log WHERE purpose = 'offline' AND account_id = "
        + "(SELECT id FROM auth.account WHERE username = 'worker')"))).isGreaterThanOrEqualTo(residents.size());
    assertThat(phone.pull(cursor)).isEmpty();

    // A house moves to another grid: it and its residents leave this worker's phone, and reach the other worker's.
    String[] house = occupiedHouse(4);
    String otherGrid = scalar("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'worker2'");
    TestPhone other = phone("worker2");
    String[] otherCursor = {null};
    other.pull(otherCursor);
    exec("UPDATE grid.house SET grid_code = '" + otherGrid + "' WHERE id = " + house[0]);
    List<JsonObject> after = phone.pull(cursor);
    assertThat(after).anySatisfy(c -> {
      assertThat(c.getString("entity") + " " + c.getString("id") + " " + c.getString("op") + " " + c.getString("reason"))
          .isEqualTo("house " + house[0] + " delete out-of-scope");
    });
    assertThat(after).anySatisfy(c -> assertThat(c.getString("entity") + " " + c.getString("id") + " " + c.getString("op"))
        .isEqualTo("resident " + house[1] + " delete"));
    List<JsonObject> arrived = other.pull(otherCursor);
    assertThat(arrived).anySatisfy(c -> assertThat(c.getString("entity") + " " + c.getString("id") + " " + c.getString("op"))
        .isEqualTo("house " + house[0] + " upsert"));
    exec("UPDATE grid.house SET grid_code = '" + workerGrid + "' WHERE id = " + house[0]);

    // A cursor of another scope is void: the feed starts over with a snapshot.
    Http.Response foreign = other.get("/api/v1/sync/changes?cursor=" + cursor[0]);
    assertThat(foreign.json().getBoolean("reset")).isTrue();

    // So is a tampered one (a snapshot position in the houses with a key that is no house id).
    String page = phone.get("/api/v1/sync/changes?limit=1").json().getString("nextCursor");
    JsonObject inside = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8));
    String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        inside.put("k", 2).put("a", "x'; --").encode().getBytes(StandardCharsets.UTF_8));
    Http.Response bent = phone.get("/api/v1/sync/changes?cursor=" + tampered);
    assertThat(bent.status()).as(bent.body()).isEqualTo(200);
    assertThat(bent.json().getBoolean("reset")).isTrue();
    Http.Response badDigest = phone.post("/api/v1/sync/attachments/not-a-digest/complete", new JsonObject());
    assertThat(badDigest.status()).as(badDigest.body()).isEqualTo(400);
    assertThat(badDigest.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("sm3");
  }

  @Test
  void aProposedName_isMaskedInTheReviewQueueUnlessThePurposeDisclosesIt_andEachResidentShownIsALoggedRead() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(7);
    String current = scalar("SELECT name FROM grid.person WHERE id = " + house[1]);
    RecordEnvelope rename = phone.sign(PROPOSAL, Map.of("entity", "resident", "id", house[1], "field", "name",
        "value", "欧阳新名", "base", current), List.of(), Instant.now());
    assertThat(only(phone.sync("proposals", List.of(rename))).getString("outcome")).isEqualTo("review");

    String rid = "proposal-queue-" + System.nanoTime();
    Http.Response browsed = http.send("GET", "/api/v1/proposals?size=100", supervisor, null, Map.of("X-Request-Id", rid));
    JsonObject masked = browsed.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("recordId").equals(rename.recordId())).findFirst().orElseThrow();
    assertThat(masked.getString("value")).isEqualTo("欧***");
    assertThat(masked.getString("base")).isEqualTo(cn.citygrid.backend.portrait.Disclosure.maskName(current));
    assertThat(db.rows("SELECT action, purpose, clear_fields FROM gov.access_log WHERE request_id = '" + rid
        + "' AND subject_kind = 'person' AND subject_id = " + house[1]))
        .singleElement().satisfies(e -> assertThat(e).containsExactly("proposal-review", "browse", ""));

    JsonObject verified = http.get("/api/v1/proposals?size=100&purpose=verification", supervisor).json().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(q -> q.getString("recordId").equals(rename.recordId())).findFirst()
        .orElseThrow();
    assertThat(verified.getString("value")).isEqualTo("欧阳新名");
    assertThat(verified.getString("base")).isEqualTo(current);
    assertThat(http.postJson("/api/v1/proposals/" + rename.recordId() + "/decision", supervisor,
        new JsonObject().put("accept", false).put("reason", "测试")).status()).isEqualTo(200);
  }

  @Test
  void proposals_areAppliedByLatestCapture_reviewedWhenTheRuleSaysSo_andTheirOutcomeReachesThePhone() throws Exception {
    TestPhone phone = phone("worker");
    // The phone was enrolled yesterday, so a capture two hours ago is plausible (not flagged).
    exec("UPDATE ledger.device SET requested_at = requested_at - interval '1 day' WHERE id = '" + phone.deviceId + "'");
    String[] house = occupiedHouse(5);
    Instant now = Instant.now();
    RecordEnvelope phoneChange = phone.sign(PROPOSAL, Map.of("entity", "resident", "id", house[1], "field", "phone",
        "value", "13912345678", "base", "138****0000"), List.of(), now);
    JsonObject applied = only(phone.sync("proposals", List.of(phoneChange)));
    assertThat(applied.getString("outcome")).isEqualTo("applied");
    assertThat(scalar("SELECT phone_mask FROM grid.person WHERE id = " + house[1])).isEqualTo("139****5678");

    RecordEnvelope older = phone.sign(PROPOSAL, Map.of("entity", "resident", "id", house[1], "field", "phone",
        "value", "13700000000"), List.of(), now.minus(Duration.ofHours(2)));
    assertThat(only(phone.sync("proposals", List.of(older))).getString("outcome")).isEqualTo("superseded");
    assertThat(scalar("SELECT value || '|' || phone_mask || '|' || (phone_enc IS NOT NULL) FROM sync.proposal WHERE record_id = '"
        + phoneChange.recordId() + "'")).as("a proposed phone is kept sealed, never in clear").isEqualTo("|139****5678|true");
    // A phone under review is applied from its sealed copy when a supervisor accepts it.
    RecordEnvelope reviewedPhone = phone.sign(PROPOSAL, Map.of("entity", "resident", "id", house[1], "field", "phone",
        "value", "13655556666"), List.of(), now.plus(Duration.ofHours(5)));
    assertThat(only(phone.sync("proposals", List.of(reviewedPhone))).getString("outcome")).isEqualTo("review");
    JsonObject queued = http.get("/api/v1/proposals", supervisor).json();
    assertThat(queued.getLong("total")).isEqualTo((long) queued.getJsonArray("items").size());
    assertThat(queued.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("recordId").equals(reviewedPhone.recordId())).findFirst().orElseThrow().getString("value"))
        .as("reviewers see a proposed phone masked").isEqualTo("136****6666");
    assertThat(http.postJson("/api/v1/proposals/" + reviewedPhone.recordId() + "/decision", supervisor,
        new JsonObject().put("accept", true)).status()).isEqualTo(200);
    assertThat(scalar("SELECT phone_mask FROM grid.person WHERE id = " + house[1])).isEqualTo("136****6666");

    RecordEnvelope area = phone.sign(PROPOSAL, Map.of("entity", "house", "id", house[0], "field", "areaM2", "value", "88.5"),
        List.of(), now);
    assertThat(only(phone.sync("proposals", List.of(area))).getString("outcome")).isEqualTo("review");
    JsonArray queue = http.get("/api/v1/proposals", supervisor).json().getJsonArray("items");
    assertThat(queue.stream().map(q -> ((JsonObject) q).getString("recordId"))).contains(area.recordId());
    Http.Response decided = http.postJson("/api/v1/proposals/" + area.recordId() + "/decision", supervisor,
        new JsonObject().put("accept", true));
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    assertThat(scalar("SELECT area_m2 FROM grid.house WHERE id = " + house[0])).isEqualTo("88.50");
    // Reviewed only now, an area captured before the one just accepted would undo it: superseded, not applied.
    RecordEnvelope stale = phone.sign(PROPOSAL, Map.of("entity", "house", "id", house[0], "field", "areaM2", "value", "70"),
        List.of(), now.minus(Duration.ofHours(1)));
    assertThat(only(phone.sync("proposals", List.of(stale))).getString("outcome")).isEqualTo("review");
    Http.Response late = http.postJson("/api/v1/proposals/" + stale.recordId() + "/decision", supervisor,
        new JsonObject().put("accept", true));
    assertThat(late.json().getString("outcome")).as(late.body()).isEqualTo("superseded");
    assertThat(scalar("SELECT area_m2 FROM grid.house WHERE id = " + house[0])).isEqualTo("88.50");
    JsonObject view = phone.get("/api/v1/sync/proposals/" + area.recordId()).json();
    assertThat(view.getString("outcome")).isEqualTo("applied");
    assertThat(view.getString("value")).isEqualTo("88.50");

    RecordEnvelope outside = phone.sign(PROPOSAL, Map.of("entity", "house", "id", "999999999", "field", "usage",
        "value", "commercial"), List.of(), now);
    assertThat(only(phone.sync("proposals", List.of(outside))).getString("outcome")).isEqualTo("rejected");
    // A proposal about someone else's grid is rejected and tells nothing of the person it names.
    String stranger = occupiedHouse("h.grid_code <> '" + workerGrid + "'", 0)[1];
    RecordEnvelope prying = phone.sign(PROPOSAL, Map.of("entity", "resident", "id", stranger, "field", "name",
        "value", "张三"), List.of(), now);
    assertThat(only(phone.sync("proposals", List.of(prying))).getString("outcome")).isEqualTo("rejected");
    JsonObject pried = phone.get("/api/v1/sync/proposals/" + prying.recordId()).json();
    assertThat(pried.getString("outcome")).isEqualTo("rejected");
    assertThat(pried.getValue("value")).isNull();
    RecordEnvelope future = phone.sign(PROPOSAL, Map.of("entity", "house", "id", house[0], "field", "usage", "value", "mixed"),
        List.of(), now.plus(Duration.ofHours(3)));
    JsonObject flagged = only(phone.sync("proposals", List.of(future)));
    assertThat(flagged.getJsonArray("flags")).contains("captured-in-future");
    assertThat(flagged.getString("outcome")).isEqualTo("review");
    // Sent twice at once, a flagged proposal is flagged in both answers: the flags are stored with the record.
    RecordEnvelope twice = phone.sign(PROPOSAL, Map.of("entity", "house", "id", house[0], "field", "usage",
        "value", "commercial"), List.of(), now.plus(Duration.ofHours(4)));
    List<CompletableFuture<JsonObject>> copies = List.of(
        CompletableFuture.supplyAsync(() -> only(phone.sync("proposals", List.of(twice)))),
        CompletableFuture.supplyAsync(() -> only(phone.sync("proposals", List.of(twice)))));
    for (CompletableFuture<JsonObject> copy : copies) {
      assertThat(copy.get().getJsonArray("flags")).as(copy.get().encode()).contains("captured-in-future");
      assertThat(copy.get().getString("outcome")).isEqualTo("review");
    }
    assertThat(copies.stream().map(c -> c.join().getString("status"))).containsExactlyInAnyOrder("accepted", "duplicate");
  }

  @Test
  void aTask_reachesItsWorker_andTheVisitThatDoesIt_closesIt() throws Exception {
    TestPhone phone = phone("worker");
    String[] house = occupiedHouse(6);
    Http.Response created = http.postJson("/api/v1/tasks", supervisor, new JsonObject().put("kind", "visit")
        .put("title", "核实独居老人").put("assignee", "worker").put("houseId", house[0])
        .put("formId", VISIT.id()).put("formVersion", VISIT.version()).put("due", LocalDate.now().plusDays(3).toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String taskId = String.valueOf(created.json().getLong("id"));
    assertThat(http.postJson("/api/v1/tasks", supervisor, new JsonObject().put("kind", "visit").put("title", "x")
        .put("assignee", "worker2").put("houseId", house[0])).status()).isEqualTo(400);
    // Given to a worker who does not cover the house's grid: a field error, and the task is unchanged.
    Http.Response elsewhere = http.putJson("/api/v1/tasks/" + taskId, supervisor, new JsonObject().put("assignee", "worker2")
        .put("due", LocalDate.now().plusDays(9).toString()));
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(400);
    assertThat(elsewhere.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("assignee");
    JsonObject moved = http.putJson("/api/v1/tasks/" + taskId, supervisor, new JsonObject()
        .put("due", LocalDate.now().plusDays(5).toString())).json();
    assertThat(moved.getString("assignee")).isEqualTo("worker");
    assertThat(moved.getString("due")).isEqualTo(LocalDate.now().plusDays(5).toString());
    assertThat(http.putJson("/api/v1/tasks/" + taskId, supervisor, new JsonObject().put("due", "next week")).status())
        .isEqualTo(400);
    JsonObject listed = http.get("/api/v1/tasks?status=open&size=1", supervisor).json();
    assertThat(listed.getLong("total")).isGreaterThanOrEqualTo(1L);
    assertThat(listed.getJsonArray("items")).hasSize(1);

    String[] cursor = {null};
    assertThat(phone.pull(cursor)).anySatisfy(c -> assertThat(c.getString("entity") + " " + c.getString("id"))
        .isEqualTo("task " + taskId));
    RecordEnvelope record = residentVisit(phone, house, "yes");
    assertThat(only(phone.sync("records", List.of(record))).getString("status")).isEqualTo("accepted");
    drainProjector();
    assertThat(scalar("SELECT status || ' ' || done_record_id FROM sync.task WHERE id = " + taskId))
        .isEqualTo("done " + record.recordId());
    assertThat(phone.pull(cursor)).anySatisfy(c -> assertThat(c.getString("entity") + " " + c.getString("id") + " " + c.getString("op"))
        .isEqualTo("task " + taskId + " delete"));

    JsonObject list = http.get("/api/v1/records?worker=worker&form=" + VISIT.id(), supervisor).json();
    assertThat(list.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("recordId"))).contains(record.recordId());
    JsonObject detail = http.get("/api/v1/records/" + record.recordId(), supervisor).json();
    assertThat(detail.getJsonObject("answers").getJsonObject("visit").getString("house_id")).isEqualTo(house[0]);
    assertThat(http.get("/api/v1/records/" + record.recordId(), app.login("worker", "Demo@2026")).status()).isEqualTo(403);

    // The worker moves to a street outside this supervisor's: the record stays where it was made.
    String street = scalar("SELECT min(s.node_code) FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id"
        + " WHERE a.username = 'supervisor'");
    String before = scalar("SELECT string_agg(s.node_code, ',') FROM auth.account_scope s JOIN auth.account a"
        + " ON a.id = s.account_id WHERE a.username = 'worker'");
    String away = scalar("SELECT min(code) FROM grid.unit_grid WHERE code NOT LIKE '" + street + "%'");
    String worker = "(SELECT id FROM auth.account WHERE username = 'worker')";
    exec("UPDATE auth.account_scope SET node_code = '" + away + "' WHERE account_id = " + worker);
    try {
      assertThat(http.get("/api/v1/records/" + record.recordId(), supervisor).status()).isEqualTo(200);
      assertThat(http.get("/api/v1/records?worker=worker&grid=" + away, supervisor).json().getJsonArray("items")).isEmpty();
    } finally {
      exec("UPDATE auth.account_scope SET node_code = '" + before + "' WHERE account_id = " + worker);
    }
  }
}
