package cn.citygrid.backend.governance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQL for the facts a person row carries beyond its own fields: residence, care, employment, quality. */
final class PersonFacts {
  private PersonFacts() {}

  private static final String LAST_AT_HOUSE = """
      (SELECT DISTINCT ON (person_id) person_id, house_id, residence_kind FROM stage
       WHERE person_id IS NOT NULL AND house_id IS NOT NULL AND rejected IS NULL ORDER BY person_id, row_no DESC)""";

  /**
   * The batch's day in China as an SQL literal: residences and roles begin and end on the day the city lives in,
   * not on the database session's (UTC) date, which is the day before until 08:00 Beijing time.
   */
  static String day(LocalDate today) {
    return "date '" + today + "'";
  }

  /** A person seen at another house: their open residences elsewhere end, if this source is trusted as much. */
  static String closeMovedResidences(int addressTrust, LocalDate today) {
    return "UPDATE grid.residence r SET until = " + day(today) + " FROM " + LAST_AT_HOUSE + " l"
        + " WHERE r.person_id = l.person_id AND r.until IS NULL AND r.house_id <> l.house_id"
        + " AND coalesce((SELECT (s.trust ->> 'address')::int FROM gov.source s WHERE s.name = r.source), 0) <= " + addressTrust;
  }

  static String openResidences(String source, LocalDate today) {
    return "INSERT INTO grid.residence (person_id, house_id, kind, since, source)"
        + " SELECT l.person_id, l.house_id, coalesce(l.residence_kind, 'resident'), " + day(today) + ", '" + source + "'"
        + " FROM " + LAST_AT_HOUSE + " l WHERE NOT EXISTS (SELECT 1 FROM grid.residence r"
        + " WHERE r.person_id = l.person_id AND r.house_id = l.house_id AND r.until IS NULL)";
  }

  static final String CARE_FLAGS = """
      UPDATE grid.person p SET care_flags = (SELECT array_agg(DISTINCT f ORDER BY f) FROM unnest(p.care_flags || l.flags) f)
      FROM (SELECT person_id, array_agg(DISTINCT f) AS flags FROM stage, unnest(care_flags) f
            WHERE person_id IS NOT NULL AND rejected IS NULL GROUP BY person_id) l
      WHERE p.id = l.person_id AND NOT (l.flags <@ p.care_flags)""";

  static String employment(String source, LocalDate today) {
    return "INSERT INTO grid.person_enterprise (person_id, enterprise_id, relation, since, source)"
        + " SELECT DISTINCT s.person_id, e.id, 'employee', " + day(today) + ", '" + source + "'"
        + " FROM stage s JOIN grid.enterprise e ON e.credit_code = s.employer_credit_code"
        + " WHERE s.person_id IS NOT NULL AND s.rejected IS NULL ON CONFLICT DO NOTHING";
  }

  static final String STAGE_ISSUES = """
      CREATE TEMP TABLE stage_issue (row_no int NOT NULL, rule text NOT NULL, field text, value text, message text NOT NULL)
      ON COMMIT DROP""";

  static final String ROW_ISSUES = """
      INSERT INTO gov.issue (rule, source, batch_id, row_no, row_key, field, value, message, person_id, status)
      SELECT i.rule, ?, ?, i.row_no, s.row_key, i.field, i.value, i.message, s.person_id, 'open'
      FROM stage_issue i JOIN stage s USING (row_no)""";

  static final String EMPLOYER_MISSING = """
      INSERT INTO gov.issue (rule, source, batch_id, row_no, row_key, field, value, message, person_id, status)
      SELECT 'reference.employer', ?, ?, s.row_no, s.row_key, 'employer_credit_code', s.employer_credit_code, ?, s.person_id, 'open'
      FROM stage s WHERE s.employer_credit_code IS NOT NULL AND s.rejected IS NULL
        AND NOT EXISTS (SELECT 1 FROM grid.enterprise e WHERE e.credit_code = s.employer_credit_code)""";

  static final String HOUSE_MISSING = """
      INSERT INTO gov.issue (rule, source, batch_id, row_no, row_key, field, value, message, person_id, status)
      SELECT 'reference.house', ?, ?, s.row_no, s.row_key, 'address', s.address, ?, s.person_id, 'open'
      FROM stage s WHERE s.address IS NOT NULL AND s.house_id IS NULL AND s.rejected IS NULL""";

  /**
   * Values that disagree with the golden one chosen from a more trusted source, for each of the
   * {@code fields} (field = golden column → this source's trust in it). One pass over the stage and its
   * persons for all fields: a pass per field cost as much again each on a 200,000-row file.
   */
  static String crossSource(Map<String, Integer> fields) {
    List<String> values = new ArrayList<>();
    fields.forEach((field, trust) -> values.add("('" + field + "', s." + field + "::text, p." + field + "::text, " + trust + ")"));
    return "INSERT INTO gov.issue (rule, source, batch_id, row_no, row_key, field, value, message, person_id, status)"
        + " SELECT 'consistency.cross-source', ?, ?, s.row_no, s.row_key, v.field, v.value,"
        + " ? || '（' || (p.provenance -> v.field ->> 's') || '）', s.person_id, 'open'"
        + " FROM stage s JOIN grid.person p ON p.id = s.person_id"
        + " CROSS JOIN LATERAL (VALUES " + String.join(", ", values) + ") v (field, value, golden, trust)"
        + " WHERE s.rejected IS NULL AND v.value IS NOT NULL AND v.golden IS DISTINCT FROM v.value"
        + " AND (p.provenance -> v.field ->> 't')::int > v.trust";
  }
}
