package cn.citygrid.backend.governance;

/** The SQL that applies a staged batch of person rows: resolve, survive, facts, traces. */
final class PersonSql {
  private PersonSql() {}

  static final String STAGE = """
      CREATE TEMP TABLE stage (
        row_no int PRIMARY KEY, row_key text, raw text NOT NULL, rejected text, has_issues boolean NOT NULL,
        id_bidx text, id_enc bytea, id_mask text, name text, gender text, birth_date date, ethnicity text,
        phone_enc bytea, phone_bidx text, phone_mask text, address text, community_code text,
        registered_region text, relation text, household_no text, residence_kind text, care_flags text[],
        employer_credit_code text, insurance_status text,
        person_id bigint, house_id bigint, candidate_id bigint, score numeric, new_person boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP""";

  static final String STAGE_COLUMNS = "row_no, row_key, raw, rejected, has_issues, id_bidx, id_enc, id_mask, name, gender,"
      + " birth_date, ethnicity, phone_enc, phone_bidx, phone_mask, address, community_code, registered_region, relation,"
      + " household_no, residence_kind, care_flags, employer_credit_code, insurance_status";

  static final String ANALYZE = "ANALYZE stage";

  /**
   * The house a row's address names and the golden person its ID number's blind index finds, in
   * one pass: each UPDATE writes every staged row anew, and two passes cost a second over 200,000.
   */
  static final String HOUSES_AND_MATCH_BY_ID = """
      UPDATE stage s SET house_id = m.house_id, person_id = m.person_id FROM (
        SELECT x.row_no, h.id AS house_id, p.id AS person_id FROM stage x
        LEFT JOIN grid.house h ON x.address IS NOT NULL AND h.address = x.address
        LEFT JOIN grid.person p ON x.id_bidx IS NOT NULL AND p.id_number_bidx = x.id_bidx
        WHERE x.address IS NOT NULL OR x.id_bidx IS NOT NULL) m
      WHERE s.row_no = m.row_no""";

  /**
   * The last staged row of each distinct {@code key} among rows matching {@code where}, with a new
   * id from {@code table}'s sequence: one new record per key however often the batch repeats it.
   * (One sort of the stage; a per-key lookup into the unindexed stage would be quadratic.)
   */
  static String freshPerKey(String table, String key, String where) {
    return "(SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) AS id, l.* FROM (SELECT DISTINCT ON (" + key
        + ") * FROM stage WHERE " + where + " ORDER BY " + key + ", row_no DESC) l)";
  }

  /** One new golden record per new ID number (the same number twice in a batch is one person). */
  static final String NEW_BY_ID = "WITH fresh AS "
      + freshPerKey("grid.person", "id_bidx", "person_id IS NULL AND id_bidx IS NOT NULL AND name IS NOT NULL") + ", " + """
      ins AS (
        INSERT INTO grid.person (id, id_number_enc, id_number_bidx, id_number_mask, name, gender, birth_date)
        SELECT id, id_enc, id_bidx, id_mask, name, coalesce(gender, '0'), birth_date FROM fresh
        RETURNING id, id_number_bidx)
      UPDATE stage s SET person_id = ins.id, new_person = true FROM ins WHERE s.id_bidx = ins.id_number_bidx""";

  /** A candidate's score: name (0.4) plus birth date (0.3), phone (0.3) and living in the same house (0.2). */
  private static final String SCORE = """
      least(1.0, 0.4 + CASE WHEN p.birth_date = x.birth_date THEN 0.3 ELSE 0 END
                     + CASE WHEN x.phone_bidx IS NOT NULL AND p.phone_bidx = x.phone_bidx THEN 0.3 ELSE 0 END
                     + CASE WHEN x.house_id IS NOT NULL AND EXISTS (SELECT 1 FROM grid.residence r
                              WHERE r.person_id = p.id AND r.house_id = x.house_id AND r.until IS NULL) THEN 0.2 ELSE 0 END)""";

  private static final String UNMATCHED = "x.person_id IS NULL AND x.name IS NOT NULL AND x.rejected IS NULL";

  /**
   * Rows not matched by ID number: the best existing candidate of the same name. A row with an ID
   * number may only be matched to a record that has none (two different numbers are two people),
   * which the partial index person_name_without_id finds without visiting every namesake.
   */
  static final String CANDIDATES = """
      UPDATE stage s SET candidate_id = m.id, score = m.score FROM (
        SELECT DISTINCT ON (c.row_no) c.row_no, c.id, c.score FROM (
          SELECT x.row_no, p.id, %1$s AS score
          FROM stage x JOIN grid.person p ON p.name = x.name AND p.merged_into IS NULL AND p.id_number_bidx IS NULL
          WHERE %2$s AND x.id_bidx IS NOT NULL
          UNION ALL
          SELECT x.row_no, p.id, %1$s AS score
          FROM stage x JOIN grid.person p ON p.name = x.name AND p.merged_into IS NULL
          WHERE %2$s AND x.id_bidx IS NULL) c
        ORDER BY c.row_no, c.score DESC, c.id) m
      WHERE s.row_no = m.row_no""".formatted(SCORE, UNMATCHED);

  static final String AUTO_MERGE = "UPDATE stage SET person_id = candidate_id WHERE person_id IS NULL AND score >= ?";

  static final String NEW_WITHOUT_ID = """
      WITH fresh AS (
        UPDATE stage SET person_id = nextval(pg_get_serial_sequence('grid.person', 'id')), new_person = true
        WHERE person_id IS NULL AND name IS NOT NULL AND rejected IS NULL RETURNING *)
      INSERT INTO grid.person (id, name, gender, birth_date) SELECT person_id, name, coalesce(gender, '0'), birth_date FROM fresh""";

  static final String REVIEWS = """
      INSERT INTO gov.match_review (batch_id, row_no, person_id, candidate_id, score, reasons, status)
      SELECT ?, row_no, person_id, candidate_id, score,
             jsonb_build_object('name', name, 'birthDate', birth_date, 'houseId', house_id), 'open'
      FROM stage WHERE new_person AND candidate_id IS NOT NULL AND score >= ? AND score < ?""";

  static final String ROWS = """
      INSERT INTO gov.row (batch_id, row_no, row_key, raw, status, person_id)
      SELECT ?, row_no, row_key, raw, CASE WHEN rejected IS NULL THEN 'applied' ELSE 'rejected' END, person_id FROM stage""";
}
