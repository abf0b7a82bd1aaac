package cn.citygrid.backend.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.json.Jcs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Portraits are scoped, masked by role and purpose, and every read lands in the tamper-evident access log. */
class PortraitIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String citizenId;
  static long citizenPerson;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(PortraitIT.class);
    TestApp.seedDemo(db, 1200);
    app = TestApp.start(db);
    http = app.http();
    citizenPerson = Long.parseLong(scalar("SELECT person_id FROM auth.account WHERE username = 'citizen'"));
    byte[] sealed = bytes("SELECT id_number_enc FROM grid.person WHERE id = " + citizenPerson);
    citizenId = new String(TestApp.config(db, Map.of()).dataKeys().keyRing().open(sealed,
        "grid.person.id_number".getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  JsonObject person(String user, String purpose) {
    Http.Response r = http.get("/api/v1/persons/" + citizenId + (purpose == null ? "" : "?purpose=" + purpose), app.login(user, "Demo@2026"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonObject("person");
  }

  @Test
  void workerVisiting_seesNameAndPhone_butTheIdNumberMasked() {
    JsonObject p = person("worker", "visit");
    assertThat(p.getString("name")).doesNotContain("*");
    assertThat(p.getString("phone")).doesNotContain("*");
    assertThat(p.getString("idNumber")).isEqualTo(citizenId.substring(0, 6) + "********" + citizenId.substring(14));
  }

  @Test
  void workerWithoutAPurpose_seesEverythingMasked() {
    JsonObject p = person("worker", null);
    assertThat(p.getString("name")).endsWith("*");
    assertThat(p.getString("idNumber")).contains("********");
  }

  @Test
  void supervisorVerifyingIdentity_seesTheIdNumberInClear() {
    assertThat(person("supervisor", "verification").getString("idNumber")).isEqualTo(citizenId);
  }

  @Test
  void leader_neverSeesDetailsInClear() {
    JsonObject p = person("leader", "verification");
    assertThat(p.getString("name")).endsWith("*");
    assertThat(p.getString("idNumber")).contains("********");
  }

  @Test
  void personOutsideTheWorkersGrid_isNotFound_likeOneThatDoesNotExist() throws Exception {
    String otherId = "11010519491231002X";
    String worker2 = app.login("worker2", "Demo@2026");
    Http.Response outside = http.get("/api/v1/persons/" + citizenId, worker2);
    Http.Response absent = http.get("/api/v1/persons/" + otherId, worker2);
    assertThat(outside.status()).isEqualTo(404);
    assertThat(absent.status()).isEqualTo(404);
    assertThat(outside.json().getString("detail")).isEqualTo(absent.json().getString("detail"));
  }

  @Test
  void unknownPurpose_isAValidationError() {
    assertThat(http.get("/api/v1/persons/" + citizenId + "?purpose=curiosity", app.login("worker", "Demo@2026")).status())
        .isEqualTo(400);
  }


  @Test
  void enterprisePortrait_answersAdminsAndSupervisorsInScope_andIsNotFoundOutsideIt() throws Exception {
    String code = scalar("""
        SELECT e.credit_code FROM grid.enterprise e JOIN auth.account_scope s ON e.grid_code LIKE s.node_code || '%'
        JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'supervisor' ORDER BY e.id LIMIT 1""");
    String outsider = scalar("""
        SELECT a.username FROM auth.account a JOIN auth.account_scope s ON s.account_id = a.id
        WHERE a.username LIKE 'worker%%' AND NOT EXISTS (SELECT 1 FROM grid.enterprise e
          WHERE e.credit_code = '%s' AND e.grid_code LIKE s.node_code || '%%') ORDER BY a.id LIMIT 1""".formatted(code));
    for (String user : List.of("admin", "supervisor")) {
      Http.Response r = http.get("/api/v1/enterprises/" + code, app.login(user, "Demo@2026"));
      assertThat(r.status()).as("%s: %s", user, r.body()).isEqualTo(200);
      assertThat(r.json().getJsonObject("enterprise").getString("creditCode")).isEqualTo(code);
    }
    assertThat(http.get("/api/v1/enterprises/" + code, app.login(outsider, "Demo@2026")).status()).isEqualTo(404);
  }

  @Test
  void nameSearch_whileNamesAreMasked_needsTheWholeName_soAMaskedNameCannotBeSpelledOut() throws Exception {
    String[] person = scalar("""
        SELECT p.id || ',' || p.name FROM grid.person p JOIN grid.residence r ON r.person_id = p.id AND r.until IS NULL
        JOIN grid.house h ON h.id = r.house_id JOIN auth.account_scope s ON h.grid_code LIKE s.node_code || '%'
        JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'supervisor' AND char_length(p.name) >= 2
          AND p.merged_into IS NULL ORDER BY p.id LIMIT 1""").split(",");
    String prefix = person[1].substring(0, person[1].offsetByCodePoints(0, person[1].codePointCount(0, person[1].length()) - 1));
    String supervisor = app.login("supervisor", "Demo@2026");
    assertThat(searchIds(prefix, "browse", supervisor)).doesNotContain(Long.parseLong(person[0]));
    assertThat(searchIds(person[1], "browse", supervisor)).contains(Long.parseLong(person[0]));
    // on a visit the supervisor sees names, and the beginning of one finds it
    assertThat(searchIds(prefix, "visit", supervisor)).contains(Long.parseLong(person[0]));
  }

  static List<Long> searchIds(String q, String purpose, String token) {
    Http.Response r = http.get("/api/v1/persons?size=100&purpose=" + purpose + "&q="
        + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  void enterprisePortrait_showsNamesOfPeopleInTheCallersScopeOnly_andLogsARead_ofTheEnterprise_andOfEachPersonItLists() throws Exception {
    // an enterprise of the supervisor's street with two people living there (not the first or last: other tests read those)
    String[] firm = scalar("""
        SELECT e.id || ',' || e.credit_code FROM grid.enterprise e JOIN auth.account_scope s ON e.grid_code LIKE s.node_code || '%'
        JOIN auth.account a ON a.id = s.account_id WHERE a.username = 'supervisor'
          AND (SELECT count(DISTINCT pe.person_id) FROM grid.person_enterprise pe JOIN grid.residence r ON r.person_id = pe.person_id
               AND r.until IS NULL JOIN grid.house h ON h.id = r.house_id
               WHERE pe.enterprise_id = e.id AND pe.relation <> 'employee' AND h.grid_code LIKE s.node_code || '%') >= 2
        ORDER BY e.id OFFSET 1 LIMIT 1""").split(",");
    // one of them moves away (no current home in the street): outside the supervisor's scope from now on
    exec("UPDATE grid.residence SET until = current_date WHERE until IS NULL AND person_id = (SELECT min(person_id)"
        + " FROM grid.person_enterprise WHERE enterprise_id = " + firm[0] + " AND relation <> 'employee')");
    String code = firm[1];
    String rid = "enterprise-read-" + System.nanoTime();
    Http.Response r = http.send("GET", "/api/v1/enterprises/" + code + "?purpose=case", app.login("supervisor", "Demo@2026"),
        null, Map.of("X-Request-Id", rid));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject portrait = r.json();
    // on a case a supervisor sees the names of the people living in their street; the others' stay masked
    Map<Long, String> listed = new java.util.TreeMap<>();
    List<JsonObject> people = new java.util.ArrayList<>(List.of(portrait.getJsonObject("legalRepresentative")));
    for (String group : List.of("shareholders", "executives")) {
      portrait.getJsonArray(group).forEach(p -> people.add((JsonObject) p));
    }
    for (JsonObject p : people) {
      long id = p.getLong("personId");
      boolean inStreet = count("""
          SELECT count(*) FROM grid.residence r JOIN grid.house h ON h.id = r.house_id JOIN auth.account_scope s
            ON h.grid_code LIKE s.node_code || '%%' JOIN auth.account a ON a.id = s.account_id
          WHERE a.username = 'supervisor' AND r.person_id = %d AND r.until IS NULL""".formatted(id)) > 0;
      String name = scalar("SELECT name FROM grid.person WHERE id = " + id);
      assertThat(p.getString("name")).as("person %d, in the street: %s", id, inStreet)
          .isEqualTo(inStreet ? name : Disclosure.maskName(name));
      listed.put(id, inStreet ? "name" : "");
    }
    Map<Long, String> logged = new java.util.TreeMap<>();
    for (Object[] e : db.rows("SELECT subject_kind, subject_id, action, clear_fields FROM gov.access_log WHERE request_id = '" + rid + "'")) {
      if (e[0].equals("person")) {
        assertThat(e[2]).isEqualTo("enterprise-portrait");
        logged.put((Long) e[1], (String) e[3]);
      } else {
        assertThat(e[1]).isEqualTo(portrait.getJsonObject("enterprise").getLong("id"));
      }
    }
    assertThat(listed.values()).as("people inside the street and outside it").contains("name", "");
    assertThat(logged).as("each person listed is a read, with what it showed in clear").isEqualTo(listed);
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE request_id = '" + rid + "' AND subject_kind = 'enterprise'"))
        .isEqualTo(1);
  }

  @Test
  void enterprisePortrait_namesTheSourceBatchAndRowOfEachRegisteredFact_andNothingForFactsNoImportSet() throws Exception {
    // The last enterprise of the supervisor's scope (the other tests take the first), registered again by 市场监管
    // with its own name and kind and a new industry; the address is left empty, so it keeps no provenance.
    String[] firm = scalar("""
        SELECT e.credit_code || '|' || e.name || '|' || e.kind FROM grid.enterprise e JOIN auth.account_scope s
          ON e.grid_code LIKE s.node_code || '%' JOIN auth.account a ON a.id = s.account_id
        WHERE a.username = 'supervisor' ORDER BY e.id DESC LIMIT 1""").split("\\|");
    String admin = app.login("admin", "Demo@2026");
    String csv = "统一社会信用代码,企业名称,企业类型,所属行业,成立日期,注册资本(万元),住所,法定代表人,法定代表人证件号码\n"
        + firm[0] + "," + firm[1] + "," + firm[2] + ",科技推广和应用服务业,2019-03-04,300,,,\n";
    Http.Response imported = http.postFile("/api/v1/governance/imports?source=shichang_registry", admin, "file", "企业登记.csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    long batch = imported.json().getLong("batchId");

    Http.Response r = http.get("/api/v1/enterprises/" + firm[0], app.login("supervisor", "Demo@2026"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject provenance = r.json().getJsonObject("provenance");
    assertThat(provenance.fieldNames()).contains("enterprise_name", "enterprise_kind", "industry", "registered_at",
        "registered_capital_wan").doesNotContain("address");
    JsonObject industry = provenance.getJsonObject("industry");
    assertThat(industry.getString("source")).isEqualTo("shichang_registry");
    assertThat(industry.getLong("batch")).isEqualTo(batch);
    assertThat(industry.getInteger("row")).isEqualTo(1);
    assertThat(industry.getInteger("trust")).isEqualTo(100);
    assertThat(industry.getString("at")).isNotBlank();
    assertThat(industry.getBoolean("visit")).isFalse();
    assertThat(r.json().getJsonObject("enterprise").getString("industry")).isEqualTo("科技推广和应用服务业");
  }

  @Test
  void housesAndEnterprises_areFoundByAddressNameOrCode_onlyInTheCallersGrids() throws Exception {
    String[] house = scalar("""
        SELECT h.id || '|' || h.address || '|' || h.grid_code FROM grid.house h JOIN auth.account_scope s
          ON h.grid_code LIKE s.node_code || '%' JOIN auth.account a ON a.id = s.account_id
        WHERE a.username = 'worker' ORDER BY h.id LIMIT 1""").split("\\|");
    String worker = app.login("worker", "Demo@2026");
    JsonArray found = http.get("/api/v1/houses?q=" + java.net.URLEncoder.encode(house[1], StandardCharsets.UTF_8), worker)
        .json().getJsonArray("items");
    assertThat(found.stream().map(h -> ((JsonObject) h).getLong("id"))).contains(Long.parseLong(house[0]));
    String other = scalar("SELECT a.username FROM auth.account a JOIN auth.account_scope s ON s.account_id = a.id"
        + " WHERE a.username LIKE 'worker_%' AND '" + house[2] + "' NOT LIKE s.node_code || '%' ORDER BY a.id LIMIT 1");
    JsonArray elsewhere = http.get("/api/v1/houses?q=" + java.net.URLEncoder.encode(house[1], StandardCharsets.UTF_8),
        app.login(other, "Demo@2026")).json().getJsonArray("items");
    assertThat(elsewhere.stream().map(h -> ((JsonObject) h).getLong("id"))).doesNotContain(Long.parseLong(house[0]));

    String[] enterprise = scalar("SELECT credit_code || '|' || name FROM grid.enterprise ORDER BY id LIMIT 1").split("\\|");
    String admin = app.login("admin", "Demo@2026");
    for (String q : List.of(enterprise[0].substring(0, 8), enterprise[1].substring(1))) {
      JsonArray byText = http.get("/api/v1/enterprises?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), admin)
          .json().getJsonArray("items");
      assertThat(byText.stream().map(e -> ((JsonObject) e).getString("creditCode"))).as(q).contains(enterprise[0]);
    }
    Http.Response tooShort = http.get("/api/v1/houses?q=%25", worker);
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("q");
  }

  @Test
  void house_listsItsResidentsMaskedLikeSearch_logsEachAsARead_andShowsItsVisits() throws Exception {
    String[] house = scalar("""
        SELECT h.id || '|' || h.grid_code FROM grid.house h JOIN auth.account_scope s ON h.grid_code LIKE s.node_code || '%'
          JOIN auth.account a ON a.id = s.account_id
        WHERE a.username = 'worker' AND (SELECT count(*) FROM grid.residence r WHERE r.house_id = h.id AND r.until IS NULL) >= 2
        ORDER BY h.id LIMIT 1""").split("\\|");
    long residents = count("SELECT count(*) FROM grid.residence WHERE house_id = " + house[0] + " AND until IS NULL");
    String worker = app.login("worker", "Demo@2026");
    String supervisor = app.login("supervisor", "Demo@2026");
    TestPhone phone = new TestPhone(http, worker).enrolledAndApproved(supervisor);
    RecordEnvelope visit = phone.sign(TestPhone.VISIT, Map.of("houseId", house[0], "note", "房屋详情测试"), List.of(), Instant.now());
    assertThat(phone.submit(visit, true).status()).isEqualTo(201);
    long before = count("SELECT count(*) FROM gov.access_log WHERE action = 'house'");

    Http.Response browsing = http.get("/api/v1/houses/" + house[0], supervisor);
    assertThat(browsing.status()).as(browsing.body()).isEqualTo(200);
    JsonObject h = browsing.json();
    assertThat(h.getString("gridCode")).isEqualTo(house[1]);
    assertThat(h.getJsonObject("disclosure").getJsonArray("clear")).isEmpty();
    List<JsonObject> listed = h.getJsonArray("residents").stream().map(o -> (JsonObject) o).toList();
    assertThat(listed).hasSize((int) residents);
    assertThat(listed).allSatisfy(p -> {
      assertThat(p.getString("name")).endsWith("*");
      assertThat(p.getString("idNumber")).contains("********");
    });
    // the same masking as person search: the same person, the same fields
    JsonObject searched = http.get("/api/v1/persons?q=" + java.net.URLEncoder.encode(
        scalar("SELECT p.name FROM grid.person p WHERE p.id = " + listed.get(0).getLong("id")), StandardCharsets.UTF_8), supervisor)
        .json().getJsonArray("items").stream().map(o -> (JsonObject) o).filter(p -> p.getLong("id").equals(listed.get(0).getLong("id")))
        .findFirst().orElseThrow();
    assertThat(listed.get(0).getString("name")).isEqualTo(searched.getString("name"));
    assertThat(listed.get(0).getString("idNumber")).isEqualTo(searched.getString("idNumber"));
    assertThat(h.getJsonArray("visits").stream().map(v -> ((JsonObject) v).getString("recordId"))).contains(visit.recordId());
    JsonObject shownVisit = h.getJsonArray("visits").stream().map(v -> (JsonObject) v)
        .filter(v -> v.getString("recordId").equals(visit.recordId())).findFirst().orElseThrow();
    assertThat(shownVisit.getString("worker")).isEqualTo("worker");
    assertThat(shownVisit.getString("form")).isEqualTo(TestPhone.VISIT.id());

    long logged = count("SELECT count(*) FROM gov.access_log WHERE action = 'house' AND username = 'supervisor' AND purpose = 'browse'"
        + " AND subject_kind = 'person' AND subject_id IN (SELECT person_id FROM grid.residence WHERE house_id = " + house[0]
        + " AND until IS NULL)");
    assertThat(logged).as("one logged read per resident listed").isEqualTo(residents);
    JsonObject visiting = http.get("/api/v1/houses/" + house[0] + "?purpose=visit", supervisor).json();
    assertThat(visiting.getJsonObject("disclosure").getJsonArray("clear")).containsExactly("name");
    assertThat(visiting.getJsonArray("residents").getJsonObject(0).getString("name")).doesNotContain("*");
    assertThat(visiting.getJsonArray("residents").getJsonObject(0).getString("idNumber")).contains("********");
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE action = 'house'")).isEqualTo(before + 2 * residents);

    Http.Response leader = http.get("/api/v1/houses/" + house[0] + "?purpose=visit", app.login("leader", "Demo@2026"));
    assertThat(leader.json().getJsonArray("residents").getJsonObject(0).getString("name")).as("leaders never see names").endsWith("*");
    String other = scalar("SELECT a.username FROM auth.account a JOIN auth.account_scope s ON s.account_id = a.id"
        + " WHERE a.username LIKE 'worker_%' AND '" + house[1] + "' NOT LIKE s.node_code || '%' ORDER BY a.id LIMIT 1");
    Http.Response outside = http.get("/api/v1/houses/" + house[0], app.login(other, "Demo@2026"));
    assertThat(outside.status()).isEqualTo(404);
    assertThat(outside.header("Content-Type")).startsWith("application/problem+json");
    assertThat(http.get("/api/v1/houses/999999999", supervisor).json().getString("detail")).isEqualTo(outside.json().getString("detail"));
    assertThat(http.get("/api/v1/houses/" + house[0], app.login("citizen", "Demo@2026")).status()).isEqualTo(403);
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE action = 'house'")).as("refused reads log nothing")
        .isEqualTo(before + 3 * residents);
  }

  @Test
  void everyRead_isLogged_andTheCitizenSeesWhoReadTheirData() throws Exception {
    long before = count("SELECT count(*) FROM gov.access_log WHERE subject_id = " + citizenPerson);
    person("worker", "care");
    assertThat(count("SELECT count(*) FROM gov.access_log WHERE subject_id = " + citizenPerson)).isEqualTo(before + 1);
    JsonObject mine = http.get("/api/v1/me/data-access", app.login("citizen", "Demo@2026")).json();
    assertThat(mine.getLong("total")).isGreaterThanOrEqualTo(before + 1);
    JsonObject latest = mine.getJsonArray("items").getJsonObject(0);
    assertThat(latest.getString("role")).isEqualTo("GRID_WORKER");
    assertThat(latest.getString("purpose")).isEqualTo("care");
    assertThat(latest.containsKey("username")).isFalse();
  }

  @Test
  void accessLog_isAppendOnly_hashChained_andAnchoredInTheLedger() throws Exception {
    person("supervisor", "case");
    assertThatThrownBy(() -> exec("UPDATE gov.access_log SET purpose = 'browse'")).hasMessageContaining("append-only");
    assertThatThrownBy(() -> exec("DELETE FROM gov.access_log")).hasMessageContaining("append-only");
    assertThatThrownBy(() -> exec("TRUNCATE gov.access_log")).hasMessageContaining("append-only");
    byte[] head = new byte[32];
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT node, seq, at, account_id, username, role, subject_kind, subject_id, purpose, action, clear_fields, prev_hash, hash"
            + " FROM gov.access_log WHERE node = '" + app.app().grid().accessLog().node() + "' ORDER BY seq")) {
      while (rs.next()) {
        assertThat(rs.getBytes("prev_hash")).isEqualTo(head);
        head = Sm3.digest(head, canonical(rs));
        assertThat(rs.getBytes("hash")).as("entry %d", rs.getLong("seq")).isEqualTo(head);
      }
    }
    // On an event loop, as the periodic anchor runs: Hibernate Reactive's session belongs to a Vert.x context.
    String recordId = io.vertx.core.Future.<String>future(p -> app.app().vertx().runOnContext(
        v -> app.app().grid().anchor().anchorNow().onComplete(p))).toCompletionStage().toCompletableFuture().get();
    assertThat(recordId).isNotNull();
    assertThat(bytes("SELECT head FROM gov.access_anchor WHERE record_id = '" + recordId + "'")).isEqualTo(head);
  }

  private static byte[] canonical(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", rs.getString("node"));
    m.put("seq", rs.getLong("seq"));
    m.put("at", rs.getTimestamp("at").toInstant().toString());
    m.put("accountId", rs.getLong("account_id"));
    m.put("username", rs.getString("username"));
    m.put("role", rs.getString("role"));
    m.put("subjectKind", rs.getString("subject_kind"));
    m.put("subjectId", rs.getLong("subject_id"));
    m.put("purpose", rs.getString("purpose"));
    m.put("action", rs.getString("action"));
    String clear = rs.getString("clear_fields");
    m.put("clearFields", clear.isEmpty() ? List.of() : Arrays.asList(clear.split(",")));
    return Jcs.bytes(m);
  }

  static void exec(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String scalar(String sql) throws SQLException {
    return db.scalar(sql);
  }

  static byte[] bytes(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBytes(1);
    }
  }

  static long count(String sql) throws SQLException {
    return Long.parseLong(scalar(sql));
  }
}
