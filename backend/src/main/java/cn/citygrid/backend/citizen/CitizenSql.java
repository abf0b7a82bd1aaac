package cn.citygrid.backend.citizen;

/** All SQL of citizen self-service, in one place. */
final class CitizenSql {
  private CitizenSql() {}

  static final String PERSON_OF_ACCOUNT = "SELECT person_id FROM auth.account WHERE id = $1";

  /** The household the person belongs to (the first, by id, if the registers list more than one), with its house. */
  static final String HOUSEHOLD = """
      SELECT hh.id, hh.household_no, hh.kind, h.id AS house_id, h.address, h.grid_code
      FROM grid.household_member m JOIN grid.household hh ON hh.id = m.household_id JOIN grid.house h ON h.id = hh.house_id
      WHERE m.person_id = $1 ORDER BY hh.id LIMIT 1""";

  /** Members as the platform knows them: names clear, ID numbers and phones masked as stored. */
  static final String MEMBERS = """
      SELECT p.id, p.name, m.relation, p.id_number_mask, p.phone_mask, extract(year FROM p.birth_date)::int AS birth_year
      FROM grid.household_member m JOIN grid.person p ON p.id = m.person_id
      WHERE m.household_id = $1 AND p.merged_into IS NULL ORDER BY m.relation, p.id""";

  /**
   * "This is wrong" becomes an open issue of the citizen_feedback source, in that source's live work order
   * (opened here when none is live). A work order inserted by this statement is not visible to the UPDATE of
   * the same statement, so it starts with issues_open = 1 and the UPDATE counts only into an existing one.
   */
  static final String FEEDBACK_LOCK = "SELECT pg_advisory_xact_lock(hashtext('citizen-feedback-work-order'))";

  static final String FEEDBACK = """
      WITH opened AS (
        INSERT INTO gov.work_order (source, rule, title, status, issues_open, due_at)
        VALUES ('citizen_feedback', 'citizen-reported', '居民反馈：本人户信息有误 Citizens report wrong household data', 'open', 1,
                now() + interval '7 days')
        ON CONFLICT (source, rule) WHERE status IN ('open', 'in_progress') DO NOTHING RETURNING id),
      live AS (
        SELECT id FROM opened
        UNION ALL SELECT id FROM gov.work_order
        WHERE source = 'citizen_feedback' AND rule = 'citizen-reported' AND status IN ('open', 'in_progress')),
      issue AS (
        INSERT INTO gov.issue (rule, source, field, message, person_id, work_order_id, status)
        VALUES ('citizen-reported', 'citizen_feedback', $2, $3, $1, (SELECT id FROM live LIMIT 1), 'open')
        RETURNING id, work_order_id),
      counted AS (
        UPDATE gov.work_order w SET issues_open = w.issues_open + 1, updated_at = now()
        FROM issue WHERE w.id = issue.work_order_id)
      SELECT id, work_order_id FROM issue""";

  static final String PLACE = "SELECT id, name, grid_code FROM grid.place WHERE id = $1";

  static final String CHECK_IN = """
      INSERT INTO grid.check_in (place_code, place_id, account_id, grid_code, geom, at)
      SELECT $1, p.id, $3, p.grid_code,
        CASE WHEN $4::float8 IS NULL THEN p.geom ELSE ST_SetSRID(ST_MakePoint($4, $5), 4490) END, $6
      FROM grid.place p WHERE p.id = $2
      RETURNING id""";

  /** A report lands in the unit grid its position lies in (none outside every grid: the centre dispatches it). */
  static final String EVENT = """
      INSERT INTO grid.event (category, description, urgency, grid_code, geom, attachments, reported_by, reported_at)
      SELECT $1, $2, 'normal', (SELECT g.code FROM grid.unit_grid g WHERE ST_Intersects(g.geom, x.pt) ORDER BY g.code LIMIT 1),
        x.pt, $5, $6, $7
      FROM (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4490) AS pt) x
      RETURNING id, status, grid_code""";
}
