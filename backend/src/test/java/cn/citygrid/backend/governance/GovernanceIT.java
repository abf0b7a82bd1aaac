package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.portrait.Disclosure;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.CityDay;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A deliberately dirty 公安 file and a conflicting 卫健 file through the whole pipeline, over real
 * HTTP: golden records, provenance, issues, work orders, review queue, a refused file, and a fixed
 * row that closes its issue. The tests run in order: each builds on the batches before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceIT {
  static final String GONGAN = "人员编号,身份证号,姓名,性别,民族,出生日期,户籍地,现住址,联系电话,与户主关系,户号,居住类型\n";
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String admin;
  static GridConfig config;
  static List<DemoPeople.Person> people;
  static List<String[]> emptyHouses;
  static String newId15 = "440304850101123";
  static String newId18 = CitizenId.upgrade15(newId15);
  static String badId;
  static String goodFixedId;
  static String inconsistentId = CitizenId.of("440305", LocalDate.of(1970, 7, 7), 321);

  /**
   * The app's clock reads 01:30 in Beijing today (17:30 UTC the day before): a moment when the city's day and the
   * database session's UTC date differ, so a fact dated by the wrong one shows.
   */
  static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(),
      LocalDate.now(ZoneOffset.UTC).atTime(17, 30).toInstant(ZoneOffset.UTC)));

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(GovernanceIT.class);
    TestApp.seedDemo(db, 1500);
    app = TestApp.start(db, Map.of(), CLOCK);
    http = app.http();
    admin = app.login("admin", "Demo@2026");
    config = TestApp.config(db, Map.of());
    people = DemoPeople.adults(db, config, 6, 0);
    emptyHouses = DemoPeople.houses(db, people.get(3).gridCode(), 3);
    goodFixedId = CitizenId.of("440306", LocalDate.of(1990, 3, 3), 456);
    char wrong = goodFixedId.charAt(17) == '1' ? '2' : '1';
    badId = goodFixedId.substring(0, 17) + wrong;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static JsonObject upload(String source, String file, byte[] content) {
    Http.Response r = http.postFile("/api/v1/governance/imports?source=" + source, admin, "file", file, content);
    assertThat(r.status()).as(r.body()).isIn(201, 400);
    return r.json();
  }

  static String csvDate(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static String dirtyGongan() {
    DemoPeople.Person a = people.get(0);
    DemoPeople.Person d = people.get(3);
    DemoPeople.Person g = people.get(4);
    DemoPeople.Person h = people.get(5);
    String gender = (a.gender().equals("1") ? "男" : "女");
    return GONGAN
        // 1: a known person, written messily: full-width ID with a lower-case x, spaced name, address without 深圳市
        + "GA001," + DemoPeople.fullWidth(a.idNumber().toLowerCase()) + ",\" " + String.join(" ", a.name().split("")) + "\","
        + gender + ",汉," + csvDate(a.birth()) + ",440304," + a.address().replace("深圳市", "") + ",+86 138-0013-8000,02,,owner\n"
        // 2: a new person with a 15-digit ID, moving into an empty house
        + "GA002," + newId15 + ",李新,男,汉族,1985-01-01,440304," + emptyHouses.get(0)[1] + ",13812345678,02,,租住\n"
        // 3: a wrong check character: no usable ID; a new record by name
        + "GA003," + badId + ",王错号,男,01,1990/3/3,440306," + emptyHouses.get(1)[1] + ",,02,,\n"
        // 4: a known person who moved to another house
        + "GA004," + d.idNumber() + "," + d.name() + "," + (d.gender().equals("1") ? "男" : "女") + ",汉,"
        + d.birth() + ",440304," + emptyHouses.get(2)[1] + ",,02,,业主\n"
        // 5: a birth date that disagrees with the ID number
        + "GA005," + inconsistentId + ",赵不符,男,汉,1971-07-07,440305,,,02,,\n"
        // 6: a broken row (one cell too many)
        + "GA006,1,2,3,4,5,6,7,8,9,10,11,12\n"
        // 7: the name is missing
        + "GA007," + CitizenId.of("440307", LocalDate.of(1960, 2, 2), 111) + ",,男,汉,1960-02-02,440307,,,02,,\n"
        // 8: no ID number, but name, birth date and phone of a known person: matched with confidence
        + "GA008,," + g.name() + "," + (g.gender().equals("1") ? "男" : "女") + ",汉," + g.birth() + ",440304,,"
        + g.phone() + ",02,,\n"
        // 9: no ID number, name and birth date only: a new record and a review
        + "GA009,," + h.name() + "," + (h.gender().equals("1") ? "男" : "女") + ",汉," + h.birth() + ",440304,,,02,,\n";
  }

  @Test
  @Order(1)
  void dirtyFile_isApplied_withEveryRowTraceable_andTheBrokenRowReported() throws Exception {
    JsonObject report = upload("gongan_hukou", "公安户籍.csv", dirtyGongan().getBytes(StandardCharsets.UTF_8));
    assertThat(report.getString("status")).isEqualTo("applied");
    assertThat(report.getLong("rowsTotal")).isEqualTo(9);
    assertThat(report.getLong("rowsRejected")).isEqualTo(1);
    assertThat(report.getJsonArray("rejectedRows").getString(0)).contains("6");
    assertThat(report.getLong("merged")).isEqualTo(1);
    assertThat(report.getLong("reviews")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM gov.row WHERE batch_id = " + report.getLong("batchId"))).isEqualTo(9);
  }

  @Test
  @Order(2)
  void knownPerson_writtenMessily_isMatched_andTheNewerPhoneWinsWithProvenance() throws Exception {
    DemoPeople.Person a = people.get(0);
    assertThat(count("SELECT count(*) FROM grid.person WHERE name = '" + a.name() + "'")).isEqualTo(1);
    JsonObject portrait = http.get("/api/v1/persons/by-id/" + a.id() + "?purpose=data-correction", admin).json();
    assertThat(portrait.getJsonObject("provenance").getJsonObject("phone").getString("source")).isEqualTo("gongan_hukou");
    assertThat(portrait.getJsonObject("provenance").getJsonObject("phone").getInteger("row")).isEqualTo(1);
    assertThat(scalar("SELECT phone_bidx FROM grid.person WHERE id = " + a.id()))
        .isEqualTo(config.dataKeys().blindIndex().index("phone", "13800138000"));
  }

  @Test
  @Order(3)
  void fifteenDigitId_isUpgraded_andTheNewPersonLivesInTheNamedHouse() throws Exception {
    String bidx = config.dataKeys().blindIndex().index("id_number", newId18);
    assertThat(scalar("SELECT name FROM grid.person WHERE id_number_bidx = '" + bidx + "'")).isEqualTo("李新");
    assertThat(scalar("SELECT r.house_id::text FROM grid.residence r JOIN grid.person p ON p.id = r.person_id"
        + " WHERE p.id_number_bidx = '" + bidx + "' AND r.until IS NULL")).isEqualTo(emptyHouses.get(0)[0]);
  }

  @Test
  @Order(4)
  void personWhoMoved_hasTheOldResidenceClosed_andTheNewOneOpen() throws Exception {
    DemoPeople.Person d = people.get(3);
    assertThat(scalar("SELECT until::text FROM grid.residence WHERE person_id = " + d.id() + " AND house_id = " + d.houseId()))
        .isEqualTo(CityDay.today(CLOCK).toString())
        .isNotEqualTo(LocalDate.now(CLOCK.withZone(ZoneOffset.UTC)).toString());
    assertThat(count("SELECT count(*) FROM grid.residence WHERE person_id = " + d.id() + " AND until IS NULL AND since = date '"
        + CityDay.today(CLOCK) + "'")).as("the new residence begins on the city's day").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM grid.residence WHERE person_id = " + d.id() + " AND until IS NULL AND house_id = "
        + emptyHouses.get(2)[0])).isEqualTo(1);
  }

  @Test
  @Order(5)
  void brokenValues_becomeIssues_withRuleRowMaskedValueAndSource_groupedIntoWorkOrders() throws Exception {
    JsonObject issues = http.get("/api/v1/governance/issues?source=gongan_hukou&size=50", admin).json();
    Map<String, JsonObject> byRule = new java.util.HashMap<>();
    issues.getJsonArray("items").forEach(o -> byRule.put(((JsonObject) o).getString("rule"), (JsonObject) o));
    assertThat(byRule.get("validity.id_number").getInteger("rowNo")).isEqualTo(3);
    assertThat(byRule.get("validity.id_number").getString("value")).doesNotContain(badId).contains("****");
    assertThat(byRule.get("consistency.id-birth-date").getInteger("rowNo")).isEqualTo(5);
    assertThat(byRule.get("completeness.required").getInteger("rowNo")).isEqualTo(7);
    JsonObject orders = http.get("/api/v1/governance/work-orders?status=open", admin).json();
    assertThat(orders.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("rule")).toList())
        .contains("validity.id_number", "consistency.id-birth-date", "completeness.required");
  }

  @Test
  @Order(6)
  void reviewQueue_readWithoutAPurpose_isBrowsing_andShowsNamesMasked() throws Exception {
    DemoPeople.Person h = people.get(5);
    JsonObject unstated = http.get("/api/v1/governance/reviews", admin).json().getJsonArray("items").getJsonObject(0);
    assertThat(unstated.getJsonObject("candidate").getString("name")).isEqualTo(Disclosure.maskName(h.name()));
    assertThat(unstated.getJsonObject("reasons").getString("name")).isEqualTo(Disclosure.maskName(h.name()));
    assertThat(scalar("SELECT purpose FROM gov.access_log WHERE action = 'match-review' ORDER BY id DESC LIMIT 1"))
        .isEqualTo("browse");
    JsonObject stated = http.get("/api/v1/governance/reviews?purpose=data-correction", admin).json().getJsonArray("items")
        .getJsonObject(0);
    assertThat(stated.getJsonObject("candidate").getString("name")).as("a purpose that allows names shows them")
        .isEqualTo(h.name());

    // a supervisor sees and decides the reviews of their own region only; a steward those of their department
    String elsewhere = scalar("SELECT code FROM grid.region WHERE level = 4 AND code NOT IN"
        + " (SELECT left(grid_code, 9) FROM grid.house) ORDER BY code LIMIT 1");
    String otherDepartment = scalar("SELECT department FROM gov.source WHERE name = 'weijian_health'");
    for (JsonObject user : List.of(
        new JsonObject().put("username", "sup-review-elsewhere").put("roles", new JsonArray().add("SUPERVISOR"))
            .put("scope", new JsonArray().add(elsewhere)),
        new JsonObject().put("username", "steward-other").put("roles", new JsonArray().add("DATA_STEWARD"))
            .put("department", otherDepartment))) {
      Http.Response created = http.postJson("/api/v1/users", admin, user.put("password", "Passw0rd!x").put("displayName", "测试"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String token = app.login(user.getString("username"), "Passw0rd!x");
      assertThat(http.get("/api/v1/governance/reviews?purpose=data-correction", token).json().getLong("total")).isZero();
      Http.Response decided = http.postJson("/api/v1/governance/reviews/" + unstated.getLong("id") + "/decision", token,
          new JsonObject().put("decision", "distinct"));
      assertThat(decided.status()).as(decided.body()).isEqualTo(409);
    }
    assertThat(scalar("SELECT status FROM gov.match_review WHERE id = " + unstated.getLong("id"))).isEqualTo("open");
  }

  @Test
  @Order(7)
  void uncertainMatch_waitsInTheReviewQueue_andMergingThenUndoingRestoresBoth() throws Exception {
    DemoPeople.Person h = people.get(5);
    JsonObject queue = http.get("/api/v1/governance/reviews", admin).json();
    JsonObject item = queue.getJsonArray("items").getJsonObject(0);
    assertThat(item.getJsonObject("candidate").getLong("personId")).isEqualTo(h.id());
    JsonObject browsed = http.get("/api/v1/governance/reviews?purpose=browse", admin).json().getJsonArray("items")
        .getJsonObject(0);
    assertThat(browsed.getJsonObject("newRecord").getString("name")).contains("*");
    assertThat(browsed.getJsonObject("reasons").getString("name")).as("the reasons disclose no more than the sides")
        .isEqualTo(browsed.getJsonObject("newRecord").getString("name"));
    long fresh = item.getJsonObject("newRecord").getLong("personId");
    long confirmationsBefore = count("SELECT sum(persons) FROM gov.confirmation_day");
    JsonObject decided = http.postJson("/api/v1/governance/reviews/" + item.getLong("id") + "/decision", admin,
        new JsonObject().put("decision", "merge")).json();
    assertThat(scalar("SELECT merged_into::text FROM grid.person WHERE id = " + fresh)).isEqualTo(String.valueOf(h.id()));
    assertThat(count("SELECT sum(persons) FROM gov.confirmation_day")).isEqualTo(count("SELECT count(*) FROM gov.confirmation"));
    Http.Response foreign = http.postJson("/api/v1/governance/merges/" + decided.getLong("mergeEvent") + "/undo",
        app.login("sup-review-elsewhere", "Passw0rd!x"), null);
    assertThat(foreign.status()).as("a supervisor of another region may not undo it: " + foreign.body()).isEqualTo(409);
    assertThat(scalar("SELECT merged_into::text FROM grid.person WHERE id = " + fresh)).isEqualTo(String.valueOf(h.id()));
    http.postJson("/api/v1/governance/merges/" + decided.getLong("mergeEvent") + "/undo", admin, null);
    assertThat(scalar("SELECT merged_into::text FROM grid.person WHERE id = " + fresh)).isNull();
    assertThat(count("SELECT sum(persons) FROM gov.confirmation_day")).isEqualTo(confirmationsBefore);
    assertThat(count("SELECT count(*) FROM gov.row WHERE person_id = " + fresh)).isEqualTo(1);
  }

  @Test
  @Order(8)
  void aLessTrustedSource_cannotOverwriteTheBirthDate_butItsBetterPhoneWins() throws Exception {
    DemoPeople.Person a = people.get(0);
    String weijian = "身份证号,姓名,性别,出生日期,手机号码,家庭住址\n" + a.idNumber() + "," + a.name() + ","
        + (a.gender().equals("1") ? "男" : "女") + "," + a.birth().plusDays(1) + ",13900000000,\n";
    JsonObject report = upload("weijian_health", "卫健档案.csv", weijian.getBytes(StandardCharsets.UTF_8));
    assertThat(report.getString("status")).isEqualTo("applied");
    assertThat(scalar("SELECT birth_date::text FROM grid.person WHERE id = " + a.id())).isEqualTo(a.birth().toString());
    assertThat(scalar("SELECT phone_bidx FROM grid.person WHERE id = " + a.id()))
        .isEqualTo(config.dataKeys().blindIndex().index("phone", "13900000000"));
    assertThat(count("SELECT count(*) FROM gov.issue WHERE batch_id = " + report.getLong("batchId")
        + " AND rule = 'consistency.cross-source' AND field = 'birth_date'")).isEqualTo(1);
  }

  @Test
  @Order(9)
  void aFileMissingARequiredColumn_isRefusedWhole_andRecordedAsFailed() throws Exception {
    long persons = count("SELECT count(*) FROM grid.person");
    Http.Response r = http.postFile("/api/v1/governance/imports?source=gongan_hukou", admin, "file", "缺列.csv",
        "人员编号,姓名,性别,出生日期\nGA100,甲,男,1980-01-01\n".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains("身份证号");
    assertThat(count("SELECT count(*) FROM grid.person")).isEqualTo(persons);
    assertThat(scalar("SELECT status FROM gov.batch ORDER BY id DESC LIMIT 1")).isEqualTo("failed");
  }

  @Test
  @Order(10)
  void reimportingTheFixedRow_closesItsIssue_andTheRecordTakesTheIdNumber() throws Exception {
    String fixed = GONGAN + "GA003," + goodFixedId + ",王错号,男,01,1990/3/3,440306," + emptyHouses.get(1)[1] + ",,02,,\n";
    JsonObject report = upload("gongan_hukou", "公安更正.csv", fixed.getBytes(StandardCharsets.UTF_8));
    assertThat(report.getLong("issuesClosed")).isGreaterThanOrEqualTo(1);
    assertThat(count("SELECT count(*) FROM gov.issue WHERE rule = 'validity.id_number' AND row_key = 'GA003' AND status = 'open'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM grid.person WHERE name = '王错号' AND merged_into IS NULL")).isEqualTo(1);
    assertThat(scalar("SELECT id_number_bidx FROM grid.person WHERE name = '王错号'"))
        .isEqualTo(config.dataKeys().blindIndex().index("id_number", goodFixedId));
  }

  @Test
  @Order(11)
  void metrics_countTheBatches_perSourceAndOverall() throws Exception {
    JsonObject metrics = http.get("/api/v1/governance/metrics", admin).json();
    assertThat(metrics.getDouble("target")).isEqualTo(0.9);
    JsonObject gongan = metrics.getJsonArray("sources").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("source").equals("gongan_hukou")).findFirst().orElseThrow();
    assertThat(gongan.getLong("rows")).isEqualTo(10);
    assertThat(gongan.getJsonObject("validity").getDouble("rate")).isBetween(0.0, 1.0);
    assertThat(gongan.getJsonObject("freshness").getDouble("rate")).isGreaterThan(0.3);
    assertThat(metrics.getJsonObject("overall").getJsonObject("freshness").getLong("whole"))
        .isEqualTo(count("SELECT count(*) FROM grid.person WHERE merged_into IS NULL"));
  }

  @Test
  @Order(12)
  void reopeningAFixedWorkOrder_whenALaterImportOpenedAnotherForItsRule_isAConflict() throws Exception {
    String live = "SELECT id FROM gov.work_order WHERE source = 'gongan_hukou' AND rule = 'consistency.id-birth-date'"
        + " AND status IN ('open', 'in_progress')";
    long fixed = Long.parseLong(scalar(live));
    assertThat(moveWorkOrder(fixed, "in_progress").status()).isEqualTo(200);
    assertThat(moveWorkOrder(fixed, "fixed").status()).isEqualTo(200);
    // a later file breaks the same rule again (birth date one year off the ID number): the import opens a new order
    String later = GONGAN + "GA010," + CitizenId.of("440305", LocalDate.of(1972, 8, 8), 322)
        + ",钱又错,男,汉,1973-08-08,440305,,,02,,\n";
    JsonObject report = upload("gongan_hukou", "公安补录.csv", later.getBytes(StandardCharsets.UTF_8));
    assertThat(report.getString("status")).isEqualTo("applied");
    assertThat(scalar(live)).as("a new live order for the rule").isNotNull().isNotEqualTo(String.valueOf(fixed));

    Http.Response reopened = moveWorkOrder(fixed, "in_progress");

    assertThat(reopened.status()).as(reopened.body()).isEqualTo(409);
    assertThat(reopened.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reopened.json().getString("type")).isEqualTo("urn:citygrid:problem:conflict");
    assertThat(reopened.json().getString("detail")).contains("另一张");
    assertThat(scalar("SELECT status FROM gov.work_order WHERE id = " + fixed)).isEqualTo("fixed");
  }

  static Http.Response moveWorkOrder(long id, String status) {
    return http.postJson("/api/v1/governance/work-orders/" + id + "/status", admin, new JsonObject().put("status", status));
  }

  @Test
  @Order(13)
  void sourceRows_maskIdNumbersAndPhonesHoweverWritten_namesUnlessDisclosed_andLogEachPersonRead() throws Exception {
    String batch = scalar("SELECT id FROM gov.batch WHERE file_name = '公安户籍.csv' ORDER BY id LIMIT 1");
    String rid = "source-rows-" + System.nanoTime();
    Http.Response r = http.send("GET", "/api/v1/governance/batches/" + batch + "/rows?size=50", admin, null,
        Map.of("X-Request-Id", rid));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject messy = r.json().getJsonArray("items").getJsonObject(0).getJsonObject("raw");
    // row 1: a full-width ID number with a lower-case x, a phone written "+86 138-0013-8000", a spaced name
    String fullWidthId = DemoPeople.fullWidth(people.get(0).idNumber().toLowerCase());
    assertThat(messy.getString("身份证号")).isEqualTo(CitizenId.mask(fullWidthId)).doesNotContain(fullWidthId.substring(6, 14));
    assertThat(messy.getString("联系电话")).doesNotContain("0013").endsWith("8000");
    String spaced = String.join(" ", people.get(0).name().split(""));
    assertThat(messy.getString("姓名")).contains("*").isNotEqualTo(spaced);

    Set<Long> shown = new TreeSet<>();
    r.json().getJsonArray("items").forEach(o -> {
      Long person = ((JsonObject) o).getLong("personId");
      if (person != null) {
        shown.add(person);
      }
    });
    Set<Long> logged = new TreeSet<>();
    for (Object[] e : db.rows("SELECT subject_id, action, purpose, clear_fields FROM gov.access_log WHERE request_id = '"
        + rid + "' AND subject_kind = 'person'")) {
      assertThat(e).containsExactly(e[0], "source-row", "browse", "");
      logged.add((Long) e[0]);
    }
    assertThat(shown).isNotEmpty();
    assertThat(logged).isEqualTo(shown);

    // an administrator correcting data sees the names as the department wrote them
    JsonObject corrected = http.get("/api/v1/governance/batches/" + batch + "/rows?size=50&purpose=data-correction", admin)
        .json().getJsonArray("items").getJsonObject(0).getJsonObject("raw");
    assertThat(corrected.getString("姓名").strip()).isEqualTo(spaced);
    assertThat(corrected.getString("身份证号")).isEqualTo(CitizenId.mask(fullWidthId));
  }

  @Test
  @Order(14)
  void issuesNamingAPerson_maskANameValueUnlessDisclosed_andAreLoggedAsReads() throws Exception {
    DemoPeople.Person b = people.get(1);
    String weijian = "身份证号,姓名,性别,出生日期,手机号码,家庭住址\n" + b.idNumber() + ",司马别名," + (b.gender().equals("1") ? "男" : "女")
        + "," + b.birth() + ",,\n";
    assertThat(upload("weijian_health", "卫健别名.csv", weijian.getBytes(StandardCharsets.UTF_8)).getString("status"))
        .isEqualTo("applied");
    String rid = "issues-" + System.nanoTime();
    Http.Response r = http.send("GET", "/api/v1/governance/issues?source=weijian_health&rule=consistency.cross-source&size=50",
        admin, null, Map.of("X-Request-Id", rid));
    JsonObject issue = r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> "name".equals(i.getString("field")) && Long.valueOf(b.id()).equals(i.getLong("personId"))).findFirst()
        .orElseThrow(() -> new AssertionError("no name issue for person " + b.id() + " in " + r.body()));
    assertThat(issue.getString("value")).isEqualTo("司***");
    assertThat(db.rows("SELECT action, purpose, clear_fields FROM gov.access_log WHERE request_id = '" + rid
        + "' AND subject_kind = 'person' AND subject_id = " + b.id()))
        .singleElement().satisfies(e -> assertThat(e).containsExactly("quality-issue", "browse", ""));
    JsonObject fixing = http.get("/api/v1/governance/issues?source=weijian_health&rule=consistency.cross-source&size=50"
        + "&purpose=data-correction", admin).json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getLong("id").equals(issue.getLong("id"))).findFirst().orElseThrow();
    assertThat(fixing.getString("value")).isEqualTo("司马别名");
  }

  static long count(String sql) throws Exception {
    String v = scalar(sql);
    return v == null ? 0 : Long.parseLong(v);
  }

  static String scalar(String sql) throws Exception {
    return db.scalar(sql);
  }

  static String dateText(LocalDate d) {
    return d.format(DateTimeFormatter.ISO_LOCAL_DATE);
  }
}
