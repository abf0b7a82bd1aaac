package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.db.CopyText;
import cn.citygrid.backend.standard.CitizenId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * House property rows (住建): the house is found by its standard address (houses are drawn by the
 * grid, not created from a register without a position); its floor area and use are updated; its
 * owner is resolved to a golden person (created if new) and gets an owner residence fact.
 */
final class HouseApply implements EntityApply {
  static final String STAGE = """
      CREATE TEMP TABLE stage (
        row_no int PRIMARY KEY, row_key text, raw text NOT NULL, rejected text, has_issues boolean NOT NULL,
        address text, owner_name text, id_bidx text, id_enc bytea, id_mask text, area numeric, usage text,
        house_id bigint, person_id bigint, new_person boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP""";

  private final DataKeysConfig keys;

  HouseApply(DataKeysConfig keys) {
    this.keys = keys;
  }

  @Override
  public String linkedColumn() {
    return "house_id";
  }

  @Override
  public String createStage() {
    return STAGE;
  }

  @Override
  public String copySql() {
    return "COPY stage (row_no, row_key, raw, rejected, has_issues, address, owner_name, id_bidx, id_enc, id_mask, area, usage)"
        + " FROM STDIN";
  }

  @Override
  public String stageLine(ProcessedRow r) {
    String id = (String) r.value("id_number");
    AddressValue address = (AddressValue) r.value("address");
    return CopyText.row(r.rowNo(), r.key(), r.raw(), r.rejected(), !r.issues().isEmpty(),
        address == null ? null : address.standardForm(), r.value("name"),
        id == null ? null : keys.blindIndex().index("id_number", id),
        id == null ? null : keys.keyRing().seal(id.getBytes(StandardCharsets.US_ASCII), PersonApply.ID_AAD),
        id == null ? null : CitizenId.mask(id), r.value("area_m2"), r.value("usage"));
  }

  @Override
  public Applied apply(Connection c, Source source, long batch, Instant at, LocalDate today) throws SQLException {
    PersonApply.exec(c, "ANALYZE stage");
    PersonApply.exec(c, "UPDATE stage s SET house_id = h.id FROM grid.house h WHERE s.address IS NOT NULL AND h.address = s.address");
    PersonApply.exec(c, """
        UPDATE grid.house h SET area_m2 = coalesce(l.area, h.area_m2), usage = coalesce(l.usage, h.usage)
        FROM (SELECT DISTINCT ON (house_id) * FROM stage WHERE house_id IS NOT NULL AND rejected IS NULL
              ORDER BY house_id, row_no DESC) l WHERE h.id = l.house_id""");
    PersonApply.exec(c, "UPDATE stage s SET person_id = p.id FROM grid.person p WHERE s.id_bidx IS NOT NULL AND p.id_number_bidx = s.id_bidx");
    int created = PersonApply.exec(c, "WITH fresh AS " + PersonSql.freshPerKey("grid.person", "id_bidx",
        "person_id IS NULL AND id_bidx IS NOT NULL AND owner_name IS NOT NULL") + ", " + """
        ins AS (
          INSERT INTO grid.person (id, id_number_enc, id_number_bidx, id_number_mask, name, gender)
          SELECT id, id_enc, id_bidx, id_mask, owner_name, '0' FROM fresh
          RETURNING id, id_number_bidx)
        UPDATE stage s SET person_id = ins.id, new_person = true FROM ins WHERE s.id_bidx = ins.id_number_bidx""");
    PersonApply.update(c, """
        INSERT INTO grid.residence (person_id, house_id, kind, since, source)
        SELECT DISTINCT s.person_id, s.house_id, 'owner', ?::date, ? FROM stage s
        WHERE s.person_id IS NOT NULL AND s.house_id IS NOT NULL AND s.rejected IS NULL
          AND NOT EXISTS (SELECT 1 FROM grid.residence r WHERE r.person_id = s.person_id AND r.house_id = s.house_id
                          AND r.kind = 'owner' AND r.until IS NULL)""", today, source.name());
    PersonApply.update(c, PersonSql.ROWS, batch);
    PersonApply.update(c, PersonFacts.ROW_ISSUES, source.name(), batch);
    PersonApply.update(c, PersonFacts.HOUSE_MISSING, source.name(), batch, "地址未能对应到已登记房屋");
    QualityBook.confirmations(c, source.name(), today);
    return new Applied(created, 0);
  }
}
