package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.governance.DemoPeople;
import cn.citygrid.backend.governance.ImportJob;
import cn.citygrid.backend.governance.ImportReport;
import cn.citygrid.backend.governance.Standardisers;
import cn.citygrid.backend.standard.CitizenId;
import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * A 公安 household-register file of {@code rows} rows — three quarters known residents written the
 * way departments write them (full-width digits, 年月日 dates, +86 phones, spaced names, one in ten
 * moved house), one quarter new persons — imported through the whole pipeline, against a raw COPY
 * of the same file into a bare table. Both run in a throw-away copy of the city database.
 */
final class ImportBench {
  record Result(long rows, double importPerSecond, double copyPerSecond, ImportReport report) {}

  private static final String HEADER = "人员编号,身份证号,姓名,性别,民族,出生日期,户籍地,现住址,联系电话,与户主关系,户号,居住类型\n";
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"};
  private static final String[] KINDS = {"owner", "租住", "业主", "", "居住"};

  private final GridConfig config;

  ImportBench(GridConfig config) {
    this.config = config;
  }

  Result run(int rows) throws Exception {
    Path file = Files.createTempFile("citygrid-bench-gongan", ".csv");
    try {
      write(file, rows);
      System.out.printf("import file: %,d rows, %,d bytes%n", rows, Files.size(file));
      double copy = Math.max(rawCopy(file, rows), rawCopy(file, rows));
      ImportJob job = new ImportJob(config.db(), config.dataKeys(), Standardisers.factory(config.db()), Clock.systemUTC());
      long start = System.nanoTime();
      ImportReport report = job.run("gongan_hukou", file, "公安户籍.csv", null);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.print(report.format());
      if (!report.applied() || report.rowsTotal() != rows) {
        throw new IllegalStateException("the import did not apply the whole file: " + report.toJson());
      }
      return new Result(rows, rows / seconds, copy, report);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** COPY of the file into a bare text table (no keys, no indexes); rows per second. */
  private double rawCopy(Path file, int rows) throws Exception {
    DbConfig db = config.db();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bench");
      s.execute("DROP TABLE IF EXISTS bench.raw_import");
      s.execute("""
          CREATE TABLE bench.raw_import (record_no text, id_number text, name text, gender text, ethnicity text,
            birth_date text, registered_region text, address text, phone text, relation text, household_no text,
            residence_kind text)""");
      long start = System.nanoTime();
      long copied;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        copied = c.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY bench.raw_import FROM STDIN (FORMAT csv, HEADER true)", in);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (copied != rows) {
        throw new IllegalStateException("COPY took " + copied + " of " + rows + " rows");
      }
      System.out.printf("raw COPY: %,d rows in %.2f s%n", copied, seconds);
      s.execute("DROP TABLE bench.raw_import");
      return rows / seconds;
    }
  }

  private void write(Path file, int rows) throws Exception {
    int known = rows * 3 / 4;
    List<String[]> persons = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    DbConfig db = config.db();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("""
          SELECT DISTINCT ON (p.id) p.id_number_enc, p.name, p.gender, p.birth_date, p.phone_enc, h.address
          FROM grid.person p JOIN grid.residence r ON r.person_id = p.id AND r.until IS NULL JOIN grid.house h ON h.id = r.house_id
          WHERE p.merged_into IS NULL AND p.id_number_enc IS NOT NULL ORDER BY p.id LIMIT %d""".formatted(known))) {
        while (rs.next()) {
          byte[] phone = rs.getBytes(5);
          persons.add(new String[] {open(rs.getBytes(1), "grid.person.id_number"), rs.getString(2), rs.getString(3),
              rs.getDate(4).toString(), phone == null ? "" : open(phone, "grid.person.phone"), rs.getString(6)});
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT address FROM grid.house WHERE usage = 'residential' ORDER BY id LIMIT 200000")) {
        while (rs.next()) {
          addresses.add(rs.getString(1));
        }
      }
    }
    Random random = new Random(2026);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      for (int i = 0; i < rows; i++) {
        String[] p = i < persons.size() ? persons.get(i) : newcomer(random);
        String address = i % 10 == 9 || i >= persons.size() ? addresses.get(random.nextInt(addresses.size())) : p[5];
        out.write(row(i, p, address, random));
      }
    }
  }

  /** One CSV line, messy in the ways department exports are. */
  private static String row(int i, String[] p, String address, Random random) {
    String id = i % 10 == 0 ? DemoPeople.fullWidth(p[0].toLowerCase()) : p[0];
    String name = i % 20 == 3 ? String.join(" ", p[1].split("")) : p[1];
    LocalDate birth = LocalDate.parse(p[3]);
    String date = i % 5 == 1 ? birth.getYear() + "年" + birth.getMonthValue() + "月" + birth.getDayOfMonth() + "日" : p[3];
    String phone = i % 7 == 2 && p[4].length() == 11
        ? "+86 " + p[4].substring(0, 3) + "-" + p[4].substring(3, 7) + "-" + p[4].substring(7) : p[4];
    String gender = "1".equals(p[2]) ? "男" : "女";
    return "GA" + i + "," + id + ",\"" + name + "\"," + gender + ",汉," + date + ",440304,\"" + address + "\"," + phone
        + ",02,," + KINDS[random.nextInt(KINDS.length)] + "\n";
  }

  private static String[] newcomer(Random random) {
    LocalDate birth = LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));
    String id = CitizenId.of("440304", birth, random.nextInt(1000));
    String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
        + GIVEN[random.nextInt(GIVEN.length)];
    return new String[] {id, name, CitizenId.genderCode(id), birth.toString(), "139" + (10_000_000 + random.nextInt(89_999_999)), ""};
  }

  private String open(byte[] sealed, String aad) {
    return new String(config.dataKeys().keyRing().open(sealed, aad.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
