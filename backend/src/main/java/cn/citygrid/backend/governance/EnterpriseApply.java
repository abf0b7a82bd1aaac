package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.db.CopyText;
import cn.citygrid.backend.standard.CitizenId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Enterprise registration rows (市场监管): enterprises matched by credit code or created, their
 * registered facts survived by trust and recency like persons' (provenance in
 * grid.enterprise.provenance), located at the house their address names, and their legal
 * representative resolved to a golden person — a new representative ends the old one's role.
 */
final class EnterpriseApply implements EntityApply {
  static final String STAGE = """
      CREATE TEMP TABLE stage (
        row_no int PRIMARY KEY, row_key text, raw text NOT NULL, rejected text, has_issues boolean NOT NULL,
        credit_code text, name text, kind text, industry text, registered_at date, capital numeric, address text,
        legal_name text, id_bidx text, id_enc bytea, id_mask text,
        enterprise_id bigint, house_id bigint, person_id bigint, new_person boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP""";

  private final DataKeysConfig keys;

  EnterpriseApply(DataKeysConfig keys) {
    this.keys = keys;
  }

  @Override
  public String linkedColumn() {
    return "enterprise_id";
  }

  @Override
  public String createStage() {
    return STAGE;
  }

  @Override
  public String copySql() {
    return "COPY stage (row_no, row_key, raw, rejected, has_issues, credit_code, name, kind, industry, registered_at,"
        + " capital, address, legal_name, id_bidx, id_enc, id_mask) FROM STDIN";
  }

  @Override
  public String stageLine(ProcessedRow r) {
    String id = (String) r.value("legal_rep_id_number");
    AddressValue address = (AddressValue) r.value("address");
    BigDecimal wan = (BigDecimal) r.value("registered_capital_wan");
    return CopyText.row(r.rowNo(), r.key(), r.raw(), r.rejected(), !r.issues().isEmpty(), r.value("credit_code"),
        r.value("enterprise_name"), r.value("enterprise_kind"), r.value("industry"), r.value("registered_at"),
        wan == null ? null : wan.multiply(BigDecimal.valueOf(10_000)), address == null ? null : address.standardForm(),
        r.value("legal_rep_name"),
        id == null ? null : keys.blindIndex().index("id_number", id),
        id == null ? null : keys.keyRing().seal(id.getBytes(StandardCharsets.US_ASCII), PersonApply.ID_AAD),
        id == null ? null : CitizenId.mask(id));
  }

  @Override
  public Applied apply(Connection c, Source source, long batch, Instant at, LocalDate today) throws SQLException {
    PersonApply.exec(c, "ANALYZE stage");
    PersonApply.exec(c, "UPDATE stage s SET house_id = h.id FROM grid.house h WHERE s.address IS NOT NULL AND h.address = s.address");
    PersonApply.exec(c, "UPDATE stage s SET enterprise_id = e.id FROM grid.enterprise e WHERE e.credit_code = s.credit_code");
    int created = PersonApply.exec(c, EnterpriseSql.NEW_ENTERPRISES);
    PersonApply.exec(c, EnterpriseSql.survive(source, batch, at));
    PersonApply.exec(c, "UPDATE stage s SET person_id = p.id FROM grid.person p WHERE s.id_bidx IS NOT NULL AND p.id_number_bidx = s.id_bidx");
    created += PersonApply.exec(c, EnterpriseSql.NEW_REPRESENTATIVES);
    PersonApply.exec(c, EnterpriseSql.endReplacedRepresentatives(source.trust("legal_rep_id_number"), today));
    PersonApply.update(c, EnterpriseSql.REPRESENTATIVES, today, source.name());
    PersonApply.update(c, "INSERT INTO gov.row (batch_id, row_no, row_key, raw, status, person_id, enterprise_id)"
        + " SELECT ?, row_no, row_key, raw, CASE WHEN rejected IS NULL THEN 'applied' ELSE 'rejected' END, person_id, enterprise_id"
        + " FROM stage", batch);
    PersonApply.update(c, PersonFacts.ROW_ISSUES, source.name(), batch);
    PersonApply.update(c, PersonFacts.HOUSE_MISSING, source.name(), batch, "地址未能对应到已登记房屋");
    return new Applied(created, 0);
  }
}
