package cn.citygrid.backend.graph;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 人企立方: neighbourhoods up to 3 hops and shortest connections, checked against the relation tables. */
class GraphIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(GraphIT.class);
    TestApp.seedDemo(db, 1500);
    app = TestApp.start(db);
    http = app.http();
    admin = app.login("admin", "Demo@2026");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void oneHopFromAnEnterprise_isExactlyItsPeople() throws Exception {
    String[] e = row("SELECT id, credit_code FROM grid.enterprise e WHERE (SELECT count(*) FROM grid.person_enterprise pe"
        + " WHERE pe.enterprise_id = e.id) >= 3 ORDER BY id LIMIT 1");
    JsonObject g = http.get("/api/v1/graph/neighbourhood?enterprise=" + e[1] + "&hops=1", admin).json();
    long people = Long.parseLong(row("SELECT count(DISTINCT person_id) FROM grid.person_enterprise WHERE enterprise_id = " + e[0])[0]);
    assertThat(g.getJsonArray("nodes").stream().map(o -> ((JsonObject) o).getString("id")).filter(id -> id.startsWith("P")).count())
        .isEqualTo(people);
    assertThat(g.getJsonArray("edges")).allSatisfy(o -> assertThat(((JsonObject) o).getString("to")).isEqualTo("E" + e[0]));
  }

  @Test
  void everyPersonAnAnswerNames_isLoggedAsARead_withWhatItShowsInClear() throws Exception {
    String[] e = row("SELECT id, credit_code FROM grid.enterprise e WHERE (SELECT count(*) FROM grid.person_enterprise pe"
        + " WHERE pe.enterprise_id = e.id) >= 3 ORDER BY id DESC LIMIT 1");
    String rid = "graph-read-" + System.nanoTime();
    // an administrator correcting data sees names in clear (docs/governance.md, disclosure)
    Http.Response r = http.send("GET", "/api/v1/graph/neighbourhood?enterprise=" + e[1] + "&hops=1&purpose=data-correction",
        admin, null, Map.of("X-Request-Id", rid));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Set<Long> named = new TreeSet<>();
    r.json().getJsonArray("nodes").forEach(o -> {
      String id = ((JsonObject) o).getString("id");
      if (id.startsWith("P")) {
        named.add(Long.parseLong(id.substring(1)));
      }
    });
    Set<Long> logged = new TreeSet<>();
    for (Object[] entry : db.rows("SELECT subject_id, action, clear_fields FROM gov.access_log WHERE request_id = '" + rid
        + "' AND subject_kind = 'person'")) {
      assertThat(entry[1]).isEqualTo("graph");
      assertThat(entry[2]).isEqualTo("name");
      logged.add((Long) entry[0]);
    }
    assertThat(named).hasSizeGreaterThanOrEqualTo(3);
    assertThat(logged).isEqualTo(named);
  }

  @Test
  void threeHopsFromALegalRepresentative_reachesTheirCompaniesColleagues_andTheirOtherRoles() throws Exception {
    String person = row("SELECT person_id FROM grid.person_enterprise WHERE relation = 'legal_representative' ORDER BY person_id LIMIT 1")[0];
    JsonObject g = http.get("/api/v1/graph/neighbourhood?person=" + person + "&hops=3&purpose=case", admin).json();
    JsonArray nodes = g.getJsonArray("nodes");
    assertThat(nodes.stream().map(JsonObject.class::cast).mapToInt(n -> n.getInteger("hop")).max().orElse(0)).isBetween(2, 3);
    assertThat(nodes.stream().map(JsonObject.class::cast).filter(n -> n.getString("id").equals("P" + person)).findFirst()
        .orElseThrow().getInteger("hop")).isZero();
    assertThat(g.getJsonArray("edges").stream().map(o -> ((JsonObject) o).getString("type")).toList()).contains("legal_representative");
  }

  @Test
  void shortestPath_betweenTwoShareholdersOfOneCompany_isTwoEdges() throws Exception {
    String[] pair = row("""
        SELECT a.person_id, b.person_id FROM grid.person_enterprise a JOIN grid.person_enterprise b
          ON a.enterprise_id = b.enterprise_id AND a.person_id < b.person_id
        WHERE a.relation = 'shareholder' AND b.relation = 'shareholder'
          AND NOT EXISTS (SELECT 1 FROM grid.household_member x JOIN grid.household_member y ON x.household_id = y.household_id
                          WHERE x.person_id = a.person_id AND y.person_id = b.person_id)
        ORDER BY a.person_id LIMIT 1""");
    JsonObject path = http.get("/api/v1/graph/path?fromPerson=" + pair[0] + "&toPerson=" + pair[1], admin).json();
    assertThat(path.getBoolean("found")).isTrue();
    assertThat(path.getInteger("length")).isEqualTo(2);
    assertThat(path.getJsonArray("nodes").getJsonObject(0).getString("id")).isEqualTo("P" + pair[0]);
  }

  @Test
  void partiesOutsideASupervisorsStreet_areNotFound_andWorkersMayNotUseTheGraph() throws Exception {
    String person = row("SELECT person_id FROM grid.residence WHERE until IS NULL ORDER BY person_id LIMIT 1")[0];
    String elsewhere = row("SELECT code FROM grid.region WHERE level = 4 AND code NOT IN"
        + " (SELECT left(grid_code, 9) FROM grid.house) ORDER BY code LIMIT 1")[0];
    Http.Response created = http.postJson("/api/v1/users", admin, new JsonObject().put("username", "sup-elsewhere")
        .put("password", "Passw0rd!x").put("displayName", "别处").put("roles", new JsonArray().add("SUPERVISOR"))
        .put("scope", new JsonArray().add(elsewhere)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(http.get("/api/v1/graph/neighbourhood?person=" + person, app.login("sup-elsewhere", "Passw0rd!x")).status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/graph/neighbourhood?person=" + person, app.login("supervisor", "Demo@2026")).status())
        .isEqualTo(200);
    assertThat(http.get("/api/v1/graph/neighbourhood?person=" + person, app.login("worker", "Demo@2026")).status()).isEqualTo(403);
    // an enterprise outside the caller's street is not found either, like one that does not exist
    String firm = row("SELECT credit_code FROM grid.enterprise WHERE grid_code IS NOT NULL ORDER BY id LIMIT 1")[0];
    assertThat(http.get("/api/v1/graph/neighbourhood?enterprise=" + firm, app.login("sup-elsewhere", "Passw0rd!x")).status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/graph/neighbourhood?enterprise=" + firm, admin).status()).isEqualTo(200);
  }

  static String[] row(String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      String[] out = new String[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getString(i + 1);
      }
      return out;
    }
  }
}
