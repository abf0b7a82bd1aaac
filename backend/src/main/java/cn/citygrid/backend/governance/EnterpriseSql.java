package cn.citygrid.backend.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The SQL of enterprise rows. */
final class EnterpriseSql {
  private EnterpriseSql() {}

  static final String NEW_ENTERPRISES = "WITH fresh AS " + PersonSql.freshPerKey("grid.enterprise", "credit_code",
      "enterprise_id IS NULL AND credit_code IS NOT NULL AND name IS NOT NULL AND rejected IS NULL") + ", " + """
      ins AS (
        INSERT INTO grid.enterprise (id, credit_code, name, kind)
        SELECT id, credit_code, name, coalesce(kind, '未知') FROM fresh
        RETURNING id, credit_code)
      UPDATE stage s SET enterprise_id = ins.id FROM ins WHERE s.credit_code = ins.credit_code""";

  /** Registered facts by trust and recency (gov.wins), the location from the house the address names. */
  static String survive(Source source, long batch, Instant at) {
    List<String> sets = new ArrayList<>();
    String prov = "e.provenance";
    String[][] fields = {{"enterprise_name", "name", "name"}, {"enterprise_kind", "kind", "kind"},
        {"industry", "industry", "industry"}, {"registered_at", "registered_at", "registered_at"},
        {"registered_capital_wan", "registered_capital", "capital"}, {"address", "address", "address"}};
    for (String[] f : fields) {
      String wins = "gov.wins(e.provenance, '" + f[0] + "', l." + f[2] + "::text, " + source.trust(f[0]) + ", '" + at
          + "'::timestamptz, false)";
      sets.add(f[1] + " = CASE WHEN " + wins + " THEN l." + f[2] + " ELSE e." + f[1] + " END");
      prov = "gov.prov(" + prov + ", '" + f[0] + "', " + wins + ", '" + source.name() + "', " + batch + ", l.row_no, "
          + source.trust(f[0]) + ", '" + at + "'::timestamptz, false)";
    }
    sets.add("house_id = coalesce(l.house_id, e.house_id)");
    sets.add("grid_code = coalesce((SELECT h.grid_code FROM grid.house h WHERE h.id = l.house_id), e.grid_code)");
    sets.add("geom = coalesce((SELECT h.geom FROM grid.house h WHERE h.id = l.house_id), e.geom)");
    sets.add("provenance = " + prov);
    sets.add("confirmed_at = '" + at + "'::timestamptz");
    return "UPDATE grid.enterprise e SET " + String.join(", ", sets)
        + " FROM (SELECT DISTINCT ON (enterprise_id) * FROM stage WHERE enterprise_id IS NOT NULL AND rejected IS NULL"
        + " ORDER BY enterprise_id, row_no DESC) l WHERE e.id = l.enterprise_id";
  }

  static final String NEW_REPRESENTATIVES = "WITH fresh AS " + PersonSql.freshPerKey("grid.person", "id_bidx",
      "person_id IS NULL AND id_bidx IS NOT NULL AND legal_name IS NOT NULL") + ", " + """
      ins AS (
        INSERT INTO grid.person (id, id_number_enc, id_number_bidx, id_number_mask, name, gender)
        SELECT id, id_enc, id_bidx, id_mask, legal_name, '0' FROM fresh
        RETURNING id, id_number_bidx)
      UPDATE stage s SET person_id = ins.id, new_person = true FROM ins WHERE s.id_bidx = ins.id_number_bidx""";

  /** Another person now represents the enterprise: the old role ends, if this source is trusted as much. */
  static String endReplacedRepresentatives(int trust, LocalDate today) {
    return "UPDATE grid.person_enterprise pe SET until = " + PersonFacts.day(today) + " FROM stage s"
        + " WHERE pe.enterprise_id = s.enterprise_id AND pe.relation = 'legal_representative' AND pe.until IS NULL"
        + " AND s.person_id IS NOT NULL AND pe.person_id <> s.person_id AND s.rejected IS NULL"
        + " AND coalesce((SELECT (g.trust ->> 'legal_rep_id_number')::int FROM gov.source g WHERE g.name = pe.source), 0) <= " + trust;
  }

  /** Parameters: the source, the batch's day in China. */
  static final String REPRESENTATIVES = """
      INSERT INTO grid.person_enterprise (person_id, enterprise_id, relation, title, since, source)
      SELECT DISTINCT ON (person_id, enterprise_id) person_id, enterprise_id, 'legal_representative', '法定代表人', ?::date, ?
      FROM stage WHERE person_id IS NOT NULL AND enterprise_id IS NOT NULL AND rejected IS NULL
      ON CONFLICT (person_id, enterprise_id, relation) DO UPDATE SET until = NULL, source = excluded.source""";
}
