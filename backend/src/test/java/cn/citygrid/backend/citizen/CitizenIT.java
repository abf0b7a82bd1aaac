package cn.citygrid.backend.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import cn.citygrid.geo.crs.LonLat;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Citizen self-service over real HTTP against a real PostgreSQL: only the caller's own data, every read logged. */
class CitizenIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String citizen;
  static String admin;
  static long citizenAccount;
  static long citizenPerson;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(CitizenIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db);
    http = app.http();
    citizen = app.login("citizen", "Demo@2026");
    admin = app.login("admin", "Demo@2026");
    citizenAccount = Long.parseLong(scalar("SELECT id FROM auth.account WHERE username = 'citizen'"));
    citizenPerson = Long.parseLong(scalar("SELECT person_id FROM auth.account WHERE username = 'citizen'"));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static String scalar(String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static long count(String sql) throws Exception {
    return Long.parseLong(scalar(sql));
  }

  @Test
  void household_isTheCitizensOwn_masked_andEveryMemberShownIsLoggedAsARead() throws Exception {
    long logged = count("SELECT count(*) FROM gov.access_log WHERE purpose = 'self-service' AND action = 'household'");

    Http.Response r = http.get("/api/v1/me/household", citizen);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject household = r.json();
    String houseId = scalar("SELECT hh.house_id FROM grid.household_member m JOIN grid.household hh ON hh.id = m.household_id "
        + "WHERE m.person_id = " + citizenPerson + " ORDER BY hh.id LIMIT 1");
    assertThat(household.getJsonObject("house").getString("id")).isEqualTo(houseId);
    JsonArray members = household.getJsonArray("members");
    assertThat(members.stream().map(m -> ((JsonObject) m).getLong("personId"))).contains(citizenPerson);
    for (Object m : members) {
      String id = ((JsonObject) m).getString("idNumber");
      assertThat(id).as("ID numbers are masked").matches(".*\\*{4,}.*");
    }
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE purpose = 'self-service' AND action = 'household'"))
        .isEqualTo(logged + members.size());
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE purpose = 'self-service' AND action = 'household'"
        + " AND clear_fields = 'name'")).as("the members' names are shown in clear, and the log says so")
        .isEqualTo(logged + members.size());
    JsonArray mine = http.get("/api/v1/me/data-access", citizen).json().getJsonArray("items");
    assertThat(mine.stream().map(e -> ((JsonObject) e).getString("action") + "/" + ((JsonObject) e).getString("role")))
        .contains("household/CITIZEN");
  }

  @Test
  void feedback_becomesAnOpenDataQualityIssueAboutTheCitizen_inOneLiveWorkOrder() throws Exception {
    JsonObject first = created(http.postJson("/api/v1/me/household/feedback", citizen,
        new JsonObject().put("field", "phone").put("message", "电话号码已更换")));
    JsonObject second = created(http.postJson("/api/v1/me/household/feedback", citizen,
        new JsonObject().put("message", "女儿已搬走")));

    assertThat(second.getLong("workOrderId")).isEqualTo(first.getLong("workOrderId")).isNotNull();
    JsonArray issues = http.get("/api/v1/governance/issues?source=citizen_feedback&status=open", admin).json().getJsonArray("items");
    JsonObject issue = issues.stream().map(JsonObject.class::cast)
        .filter(i -> i.getLong("id").equals(first.getLong("issueId"))).findFirst().orElseThrow();
    assertThat(issue.getLong("personId")).isEqualTo(citizenPerson);
    assertThat(issue.getString("field")).isEqualTo("phone");
    assertThat(issue.getString("message")).isEqualTo("电话号码已更换");
    assertThat(count("SELECT issues_open FROM gov.work_order WHERE id = " + first.getLong("workOrderId")))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void firstFeedbacksAtOnce_allLandInTheOneWorkOrderOpenedForThem() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE gov.work_order SET status = 'fixed' WHERE source = 'citizen_feedback' AND status IN ('open', 'in_progress')");
    }
    List<CompletableFuture<JsonObject>> sent = IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(() ->
        created(http.postJson("/api/v1/me/household/feedback", citizen, new JsonObject().put("message", "第 " + i + " 条反馈")))))
        .toList();
    Set<Long> workOrders = new java.util.HashSet<>();
    for (CompletableFuture<JsonObject> f : sent) {
      assertThat(f.get().getValue("workOrderId")).as(f.get().encode()).isNotNull();
      workOrders.add(f.get().getLong("workOrderId"));
    }
    assertThat(workOrders).hasSize(1);
    assertThat(count("SELECT issues_open FROM gov.work_order WHERE id = " + workOrders.iterator().next())).isEqualTo(6);
  }

  @Test
  void feedback_withoutAMessage_isAValidationProblem() {
    Http.Response r = http.postJson("/api/v1/me/household/feedback", citizen, new JsonObject().put("field", "phone"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:validation-failed");
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("message");
  }

  @Test
  void checkIn_withThePlatformsPlaceCode_isStoredForTheCitizenAtThatPlace() throws Exception {
    String place = scalar("SELECT id FROM grid.place ORDER BY id LIMIT 1");
    String code = http.get("/api/v1/placecodes/places/" + place, admin).json().getString("code");

    JsonObject done = created(http.postJson("/api/v1/me/check-ins", citizen, new JsonObject().put("code", code)
        .put("location", new JsonObject().put("lon", 114.0585).put("lat", 22.5436))));

    assertThat(done.getString("placeId")).isEqualTo(place);
    assertThat(done.getString("placeName")).isEqualTo(scalar("SELECT name FROM grid.place WHERE id = " + place));
    assertThat(scalar("SELECT account_id || '/' || place_id || '/' || place_code FROM grid.check_in WHERE id = " + done.getLong("id")))
        .isEqualTo(citizenAccount + "/" + place + "/" + code);
  }

  @Test
  void checkIn_withAForgedAlteredOrHouseCode_isRefused_andNothingIsStored() throws Exception {
    String place = scalar("SELECT id FROM grid.place ORDER BY id LIMIT 1");
    String other = scalar("SELECT id FROM grid.place ORDER BY id DESC LIMIT 1");
    String genuine = http.get("/api/v1/placecodes/places/" + place, admin).json().getString("code");
    String keyId = scalar("SELECT key_id FROM ledger.placecode_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1");
    Sm2KeyPair forger = Sm2.generateKeyPair();
    // A forger's own key, but naming the platform's key id: the signature cannot verify.
    String forged = forgedUnder(forger, keyId, other);
    String ownKey = PlaceCodes.issue(forger.privateKey(), new PlaceCode(PlaceCode.Kind.PLACE, other, LocalDate.now(),
        forger.publicKey().keyId()));
    // The platform's genuine code for one place, edited to name another: the signature no longer covers it.
    String altered = rewritten(genuine, "\"id\":\"" + place + "\"", "\"id\":\"" + other + "\"");
    String house = scalar("SELECT h.id FROM grid.house h ORDER BY h.id LIMIT 1");
    String houseCode = http.get("/api/v1/placecodes/houses/" + house, admin).json().getString("code");
    long before = count("SELECT count(*) FROM grid.check_in");

    for (String code : List.of(forged, ownKey, altered, houseCode, "not a code")) {
      Http.Response r = http.postJson("/api/v1/me/check-ins", citizen, new JsonObject().put("code", code));
      assertThat(r.status()).as(code).isEqualTo(422);
      assertThat(r.json().getString("type")).as(code).isEqualTo("urn:citygrid:problem:place-code-refused");
    }
    assertThat(count("SELECT count(*) FROM grid.check_in")).isEqualTo(before);
  }

  /** After a rotation both keys' codes check in; once the old key is retired, its codes are refused. */
  @Test
  void checkIn_withACodeOfARetiredKey_isRefused_andOfTheNewKey_isStored() throws Exception {
    String place = scalar("SELECT id FROM grid.place ORDER BY id LIMIT 1");
    String old = http.get("/api/v1/placecodes/places/" + place, admin).json().getString("code");
    Http.Response rotated = http.postJson("/api/v1/placecodes/keys", admin, new JsonObject());
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
    String fresh = http.get("/api/v1/placecodes/places/" + place, admin).json().getString("code");
    assertThat(fresh).isNotEqualTo(old);
    created(http.postJson("/api/v1/me/check-ins", citizen, new JsonObject().put("code", old)));

    String oldKid = scalar("SELECT key_id FROM ledger.placecode_key WHERE key_id <> '" + rotated.json().getString("keyId")
        + "' AND retired_at IS NULL ORDER BY created_at LIMIT 1");
    assertThat(http.send("POST", "/api/v1/placecodes/keys/" + oldKid + "/retire", admin, null, Map.of()).status())
        .isEqualTo(204);
    long before = count("SELECT count(*) FROM grid.check_in");
    Http.Response refused = http.postJson("/api/v1/me/check-ins", citizen, new JsonObject().put("code", old));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getString("type")).isEqualTo("urn:citygrid:problem:place-code-refused");
    assertThat(refused.json().getString("detail")).as("retired, not merely unknown").isEqualTo("场所码无效：签名密钥已停用，此标签须重新打印");
    Http.Response english = http.send("POST", "/api/v1/me/check-ins", citizen, new JsonObject().put("code", old).encode(),
        Map.of("Content-Type", "application/json", "Accept-Language", "en"));
    assertThat(english.json().getString("detail")).isEqualTo("Refused code: signed by key " + oldKid
        + ", which the platform retired: the label must be reprinted");
    assertThat(count("SELECT count(*) FROM grid.check_in")).isEqualTo(before);
    created(http.postJson("/api/v1/me/check-ins", citizen, new JsonObject().put("code", fresh)));
  }

  /** A code whose payload names {@code kid} but whose signature is the forger's. */
  static String forgedUnder(Sm2KeyPair forger, String kid, String place) {
    String own = PlaceCodes.issue(forger.privateKey(), new PlaceCode(PlaceCode.Kind.PLACE, place, LocalDate.now(),
        forger.publicKey().keyId()));
    return rewritten(own, forger.publicKey().keyId(), kid);
  }

  /** {@code code} with {@code from} replaced by {@code to} in its payload, the signature kept. */
  static String rewritten(String code, String from, String to) {
    String[] parts = code.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(payload).contains(from);
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.replace(from, to).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  @Test
  void report_becomesAReportedEventInTheGridOfItsPosition_withThePhotoStoredUnderItsSm3() throws Exception {
    String[] grid = scalar("SELECT code || ',' || ST_X(ST_PointOnSurface(geom)) || ',' || ST_Y(ST_PointOnSurface(geom)) "
        + "FROM grid.unit_grid g WHERE EXISTS (SELECT 1 FROM grid.house h WHERE h.grid_code = g.code) ORDER BY code LIMIT 1").split(",");
    byte[] jpeg = jpeg();

    JsonObject event = created(http.postJson("/api/v1/me/reports", citizen, new JsonObject().put("category", "municipal")
        .put("description", "路灯不亮，晚上很黑").put("location", new JsonObject().put("lon", Double.parseDouble(grid[1]))
            .put("lat", Double.parseDouble(grid[2])))
        .put("photo", new JsonObject().put("mediaType", "image/jpeg").put("data", Base64.getEncoder().encodeToString(jpeg)))));

    String sm3 = Sm3.hex(jpeg);
    assertThat(event.getString("photo")).isEqualTo(sm3);
    assertThat(event.getString("gridCode")).isEqualTo(grid[0]);
    assertThat(scalar("SELECT category || '/' || status || '/' || reported_by || '/' || grid_code || '/' || attachments[1] "
        + "FROM grid.event WHERE id = " + event.getString("id")))
        .isEqualTo("municipal/reported/" + citizenAccount + "/" + grid[0] + "/" + sm3);
    assertThat(app.app().sync().attachments().sizes(citizenAccount, Set.of(sm3)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS)).containsEntry(sm3, (long) jpeg.length);
  }

  /** A phone whose map SDK reports GCJ-02 says so; the point is stored in CGCS2000, in the grid it really lies in. */
  @Test
  void report_locatedInGcj02_isStoredInCgcs2000_andAnUnknownSystemIsAFieldError() throws Exception {
    String[] grid = scalar("SELECT code || ',' || ST_X(ST_PointOnSurface(geom)) || ',' || ST_Y(ST_PointOnSurface(geom)) "
        + "FROM grid.unit_grid g ORDER BY code DESC LIMIT 1").split(",");
    double lon = Double.parseDouble(grid[1]);
    double lat = Double.parseDouble(grid[2]);
    LonLat gcj = CrsTransform.transform(lon, lat, Crs.CGCS2000, Crs.GCJ02);
    assertThat(gcj.lon() - lon).as("GCJ-02 is hundreds of metres off here").isGreaterThan(0.001);
    JsonObject photo = new JsonObject().put("mediaType", "image/jpeg").put("data", Base64.getEncoder().encodeToString(jpeg()));

    JsonObject event = created(http.postJson("/api/v1/me/reports", citizen, new JsonObject().put("category", "municipal")
        .put("description", "小区门口井盖松动").put("photo", photo)
        .put("location", new JsonObject().put("lon", gcj.lon()).put("lat", gcj.lat()).put("crs", "GCJ02"))));
    assertThat(event.getString("gridCode")).isEqualTo(grid[0]);
    String[] stored = scalar("SELECT ST_X(geom) || ',' || ST_Y(geom) FROM grid.event WHERE id = " + event.getString("id")).split(",");
    assertThat(Double.parseDouble(stored[0])).isCloseTo(lon, within(1e-7));
    assertThat(Double.parseDouble(stored[1])).isCloseTo(lat, within(1e-7));

    Http.Response r = http.postJson("/api/v1/me/reports", citizen, new JsonObject().put("category", "municipal")
        .put("description", "小区门口井盖松动").put("photo", photo)
        .put("location", new JsonObject().put("lon", lon).put("lat", lat).put("crs", "NAD27")));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("location/crs");
  }

  @Test
  void report_withoutPhotoOrPosition_namesEachMissingField_andStoresNoEvent() throws Exception {
    long before = count("SELECT count(*) FROM grid.event");
    Http.Response r = http.postJson("/api/v1/me/reports", citizen, new JsonObject().put("category", "flood")
        .put("description", "有问题"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("category", "description", "location", "photo");
    assertThat(count("SELECT count(*) FROM grid.event")).isEqualTo(before);
  }

  @Test
  void report_whosePhotoIsNotBase64_isAValidationProblem_andStoresNoEvent() throws Exception {
    long before = count("SELECT count(*) FROM grid.event");
    Http.Response r = http.postJson("/api/v1/me/reports", citizen, new JsonObject().put("category", "other")
        .put("description", "楼道堆放杂物").put("location", new JsonObject().put("lon", 114.05).put("lat", 22.54))
        .put("photo", new JsonObject().put("mediaType", "image/jpeg").put("data", "not base64 at all!")));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("photo/data");
    assertThat(count("SELECT count(*) FROM grid.event")).isEqualTo(before);
  }

  @Test
  void anAccountLinkedToNoPerson_hasNoHousehold() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE auth.account SET person_id = NULL WHERE id = " + citizenAccount);
      try {
        Http.Response r = http.get("/api/v1/me/household", citizen);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:not-found");
      } finally {
        s.execute("UPDATE auth.account SET person_id = " + citizenPerson + " WHERE id = " + citizenAccount);
      }
    }
  }

  static JsonObject created(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static byte[] jpeg() throws Exception {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) {
      for (int y = 0; y < 48; y++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}
