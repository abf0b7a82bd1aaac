package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.CreditCode;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every file format and every kind of source: XLSX, JSON Lines, GB18030 CSV; persons, enterprises, houses. */
class FormatsIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String admin;
  static List<DemoPeople.Person> people;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(FormatsIT.class);
    TestApp.seedDemo(db, 1500);
    app = TestApp.start(db);
    http = app.http();
    admin = app.login("admin", "Demo@2026");
    GridConfig config = TestApp.config(db, Map.of());
    people = DemoPeople.adults(db, config, 4, 10);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static JsonObject upload(String source, String file, byte[] content) {
    Http.Response r = http.postFile("/api/v1/governance/imports?source=" + source, admin, "file", file, content);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void anImportThatFailsInsideThePlatform_isA500WithoutTheDatabasesWords_recordedFailed_andAppliesNothing() throws Exception {
    DemoPeople.Person p = people.get(3);
    String csv = "身份证号,姓名,手机号码\n" + p.idNumber() + "," + p.name() + ",13700001111\n";
    long persons = Long.parseLong(db.scalar("SELECT count(*) FROM grid.person"));
    db.execute("ALTER TABLE gov.row RENAME TO row_away"); // every import writes its rows there
    Http.Response r;
    try {
      r = http.postFile("/api/v1/governance/imports?source=weijian_health", admin, "file", "卫健内部错误.csv",
          csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      db.execute("ALTER TABLE gov.row_away RENAME TO row");
    }
    assertThat(r.status()).as(r.body()).isEqualTo(500);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("row").doesNotContain("relation").doesNotContain("SQL");
    assertThat(r.json().getString("requestId")).isNotBlank();
    assertThat(db.scalar("SELECT status || ' ' || (report ->> 'failure') FROM gov.batch WHERE file_name = '卫健内部错误.csv'"))
        .isEqualTo("failed " + ImportJob.INTERNAL);
    assertThat(db.scalar("SELECT count(*) FROM grid.person")).isEqualTo(String.valueOf(persons));
    assertThat(db.scalar("SELECT phone_bidx = '" + TestApp.config(db, Map.of()).dataKeys().blindIndex().index("phone", "13700001111")
        + "' FROM grid.person WHERE id = " + p.id())).isEqualTo("f");
  }

  @Test
  void xlsxFromMinzheng_addsCareFlags_andReadsSpreadsheetDates() throws Exception {
    DemoPeople.Person p = people.get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "citygrid", "1.0")) {
      Worksheet ws = wb.newWorksheet("救助名单");
      String[] header = {"身份证号", "姓名", "救助类型", "残疾类别", "联系电话", "居住地址"};
      for (int i = 0; i < header.length; i++) {
        ws.value(0, i, header[i]);
      }
      ws.value(1, 0, p.idNumber());
      ws.value(1, 1, p.name());
      ws.value(1, 2, "低保");
      ws.value(1, 3, "肢体残疾");
      ws.value(1, 4, Long.parseLong(p.phone()));
    }
    JsonObject report = upload("minzheng_assist", "救助名单.xlsx", out.toByteArray());
    assertThat(report.getLong("rowsApplied")).isEqualTo(1);
    assertThat(scalar("SELECT array_to_string(care_flags, ',') FROM grid.person WHERE id = " + p.id()))
        .contains("low_income").contains("disabled");
  }

  @Test
  void jsonLinesFromRenshe_addsEmployment_andReportsAnUnknownEmployer() throws Exception {
    DemoPeople.Person p = people.get(1);
    String known = scalar("SELECT credit_code FROM grid.enterprise ORDER BY id LIMIT 1");
    String unknown = CreditCode.of('9', '1', "440304", "87654321");
    String lines = new JsonObject().put("身份证号", p.idNumber()).put("姓名", p.name()).put("单位统一社会信用代码", known)
        .put("参保状态", "正常参保").encode() + "\n\n"
        + new JsonObject().put("身份证号", people.get(2).idNumber()).put("姓名", people.get(2).name())
        .put("单位统一社会信用代码", unknown).encode() + "\nnot json\n";
    JsonObject report = upload("renshe_insurance", "参保.jsonl", lines.getBytes(StandardCharsets.UTF_8));
    assertThat(report.getLong("rowsTotal")).isEqualTo(3);
    assertThat(report.getLong("rowsRejected")).isEqualTo(1);
    assertThat(scalar("SELECT count(*) FROM grid.person_enterprise pe JOIN grid.enterprise e ON e.id = pe.enterprise_id"
        + " WHERE pe.person_id = " + p.id() + " AND pe.relation = 'employee' AND e.credit_code = '" + known + "'")).isEqualTo("1");
    assertThat(scalar("SELECT count(*) FROM gov.issue WHERE batch_id = " + report.getLong("batchId")
        + " AND rule = 'reference.employer'")).isEqualTo("1");
  }

  @Test
  void gb18030CsvFromShichang_registersAnEnterprise_andAChangedLegalRepresentativeEndsTheOldRole() throws Exception {
    String[] firm = row("SELECT e.id, e.credit_code, pe.person_id FROM grid.enterprise e JOIN grid.person_enterprise pe"
        + " ON pe.enterprise_id = e.id AND pe.relation = 'legal_representative' AND pe.until IS NULL ORDER BY e.id LIMIT 1");
    DemoPeople.Person newRep = people.get(3);
    String fresh = CreditCode.of('9', '1', "440304", "11223344");
    String csv = "统一社会信用代码,企业名称,企业类型,所属行业,成立日期,注册资本(万元),住所,法定代表人,法定代表人证件号码\n"
        + firm[1] + ",深圳市换人科技有限公司,有限责任公司,科技,2020-05-06,500,," + newRep.name() + "," + newRep.idNumber() + "\n"
        + fresh + ",深圳市新设贸易有限公司,有限责任公司,批发和零售业,2026年1月2日,100,," + newRep.name() + "," + newRep.idNumber() + "\n";
    JsonObject report = upload("shichang_registry", "企业登记.csv", csv.getBytes(Charset.forName("GB18030")));
    assertThat(report.getLong("rowsApplied")).isEqualTo(2);
    assertThat(scalar("SELECT name FROM grid.enterprise WHERE credit_code = '" + fresh + "'")).isEqualTo("深圳市新设贸易有限公司");
    assertThat(scalar("SELECT until IS NOT NULL FROM grid.person_enterprise WHERE enterprise_id = " + firm[0]
        + " AND person_id = " + firm[2] + " AND relation = 'legal_representative'")).isEqualTo("t");
    assertThat(scalar("SELECT count(*) FROM grid.person_enterprise WHERE person_id = " + newRep.id()
        + " AND relation = 'legal_representative' AND until IS NULL")).isEqualTo("2");
    assertThat(scalar("SELECT registered_capital::bigint FROM grid.enterprise WHERE credit_code = '" + fresh + "'")).isEqualTo("1000000");
  }

  @Test
  void csvFromZhujian_updatesTheHouse_andRecordsItsOwner() throws Exception {
    String[] house = row("SELECT id, address FROM grid.house WHERE usage = 'residential' ORDER BY id DESC LIMIT 1");
    String ownerId = CitizenId.of("440304", LocalDate.of(1975, 5, 5), 77);
    String csv = "房屋地址,产权人,产权人证件号码,建筑面积,规划用途\n" + house[1] + ",钱业主," + ownerId + ",88.50,住宅\n"
        + "深圳市福田区不存在路1号,孙某," + CitizenId.of("440304", LocalDate.of(1980, 1, 1), 99) + ",60,住宅\n";
    JsonObject report = upload("zhujian_housing", "房屋产权.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(scalar("SELECT area_m2::text FROM grid.house WHERE id = " + house[0])).isEqualTo("88.50");
    assertThat(scalar("SELECT p.name FROM grid.residence r JOIN grid.person p ON p.id = r.person_id"
        + " WHERE r.house_id = " + house[0] + " AND r.kind = 'owner' AND r.source = 'zhujian_housing'")).isEqualTo("钱业主");
    assertThat(Long.parseLong(scalar("SELECT count(*) FROM gov.issue WHERE batch_id = " + report.getLong("batchId")))).isPositive();
  }

  static String scalar(String sql) throws Exception {
    return db.scalar(sql);
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
