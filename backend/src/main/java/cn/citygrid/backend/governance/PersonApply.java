package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.db.CopyText;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.Phones;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Person rows: staged as typed, encrypted columns, then resolved, survived and booked in SQL. */
final class PersonApply implements EntityApply {
  private static final Logger LOG = LoggerFactory.getLogger(PersonApply.class);
  static final byte[] ID_AAD = "grid.person.id_number".getBytes(StandardCharsets.UTF_8);
  static final byte[] PHONE_AAD = "grid.person.phone".getBytes(StandardCharsets.UTF_8);
  static final double AUTO_MERGE = 0.9;
  static final double REVIEW = 0.6;

  private final DataKeysConfig keys;

  PersonApply(DataKeysConfig keys) {
    this.keys = keys;
  }

  @Override
  public String createStage() {
    return PersonSql.STAGE;
  }

  @Override
  public String copySql() {
    return "COPY stage (" + PersonSql.STAGE_COLUMNS + ") FROM STDIN";
  }

  /** The stage line of a row; ID numbers and phones leave this method only sealed, indexed and masked. */
  @Override
  public String stageLine(ProcessedRow r) {
    String id = (String) r.value("id_number");
    String phone = (String) r.value("phone");
    AddressValue address = (AddressValue) r.value("address");
    return CopyText.row(r.rowNo(), r.key(), r.raw(), r.rejected(), !r.issues().isEmpty(),
        id == null ? null : keys.blindIndex().index("id_number", id),
        id == null ? null : keys.keyRing().seal(id.getBytes(StandardCharsets.US_ASCII), ID_AAD),
        id == null ? null : CitizenId.mask(id),
        r.value("name"), r.value("gender"), r.value("birth_date"), r.value("ethnicity"),
        phone == null ? null : keys.keyRing().seal(phone.getBytes(StandardCharsets.UTF_8), PHONE_AAD),
        phone == null ? null : keys.blindIndex().index("phone", phone),
        phone == null ? null : Phones.mask(phone),
        address == null ? null : address.standardForm(), address == null ? null : address.communityCode(),
        r.value("registered_region"), r.value("relation"), r.value("household_no"), r.value("residence_kind"),
        careFlags(r), r.value("employer_credit_code"), r.value("insurance_status"));
  }

  /** Care flags from the flag list (民政 救助类型) and the disability column, as codes. */
  private static String[] careFlags(ProcessedRow r) {
    java.util.List<String> flags = new java.util.ArrayList<>();
    if (r.value("care_flag") instanceof java.util.List<?> list) {
      list.forEach(f -> flags.add(String.valueOf(f)));
    }
    if (r.value("care_flag_disabled") != null) {
      flags.add("disabled");
    }
    return flags.stream().distinct().toArray(String[]::new);
  }

  @Override
  public Applied apply(Connection c, Source source, long batch, Instant at, LocalDate today) throws SQLException {
    boolean visit = source.name().equals("field_visit");
    LocalDate freshUntil = today.plusDays(source.cadence().toDays());
    exec(c, PersonSql.ANALYZE);
    exec(c, PersonSql.HOUSES_AND_MATCH_BY_ID);
    exec(c, PersonSql.CANDIDATES);
    int merged = update(c, PersonSql.AUTO_MERGE, AUTO_MERGE);
    int created = exec(c, PersonSql.NEW_BY_ID);
    created += exec(c, PersonSql.NEW_WITHOUT_ID);
    update(c, PersonSql.REVIEWS, batch, REVIEW, AUTO_MERGE);
    QualityBook.rememberFreshness(c);
    exec(c, PersonSurvivor.update(source, batch, at, visit, freshUntil.toString()));
    QualityBook.shiftFreshness(c, freshUntil);
    facts(c, source, today);
    update(c, PersonSql.ROWS, batch);
    issues(c, source, batch);
    QualityBook.confirmations(c, source.name(), today);
    return new Applied(created, merged);
  }

  private static void facts(Connection c, Source source, LocalDate today) throws SQLException {
    if (source.columns().containsValue("address")) {
      exec(c, PersonFacts.closeMovedResidences(source.trust("address"), today));
      exec(c, PersonFacts.openResidences(source.name(), today));
    }
    exec(c, PersonFacts.CARE_FLAGS);
    if (source.columns().containsValue("employer_credit_code")) {
      exec(c, PersonFacts.employment(source.name(), today));
    }
  }

  private static void issues(Connection c, Source source, long batch) throws SQLException {
    update(c, PersonFacts.ROW_ISSUES, source.name(), batch);
    if (source.columns().containsValue("employer_credit_code")) {
      update(c, PersonFacts.EMPLOYER_MISSING, source.name(), batch, "参保单位不在市场主体登记库中");
    }
    if (source.columns().containsValue("address")) {
      update(c, PersonFacts.HOUSE_MISSING, source.name(), batch, "地址未能对应到已登记房屋");
    }
    Map<String, Integer> compared = new java.util.LinkedHashMap<>();
    for (String field : List.of("name", "gender", "birth_date")) {
      if (source.columns().containsValue(field)) {
        compared.put(field, source.trust(field));
      }
    }
    if (!compared.isEmpty()) {
      update(c, PersonFacts.crossSource(compared), source.name(), batch, "与更高可信来源的值不一致");
    }
  }

  static int exec(Connection c, String sql) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    } finally {
      timed(sql, start);
    }
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } finally {
      timed(sql, start);
    }
  }

  /** Each import statement's time at DEBUG: where a slow import spends it. */
  private static void timed(String sql, long start) {
    if (LOG.isDebugEnabled()) {
      String line = sql.strip().replaceAll("\\s+", " ");
      LOG.debug("{} ms: {}", (System.nanoTime() - start) / 1_000_000, line.substring(0, Math.min(100, line.length())));
    }
  }
}
