package cn.citygrid.backend.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What the browser test needs beyond the demo city, made through the real API: a device enrollment
 * waiting for approval, a signed record in the log with its receipt, and an uncertain person match in
 * the review queue (a 公安 row without an ID number, naming a known person).
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

    return new JsonObject().put("pendingDevice", pending.deviceId).put("recordId", record.recordId())
        .put("reviewCandidate", Long.parseLong(known[3]));
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
