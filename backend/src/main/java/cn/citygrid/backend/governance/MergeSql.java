package cn.citygrid.backend.governance;

/**
 * Merging golden person B into A, and undoing it. The snapshot taken before a merge names every row
 * that moved and every field of A that B filled, so un-merge restores both records exactly.
 */
final class MergeSql {
  private MergeSql() {}

  /** $1::bigint survivor, $2::bigint absorbed. */
  static final String SNAPSHOT = """
      SELECT jsonb_build_object(
        'absorbed', (SELECT to_jsonb(b) - 'provenance' || jsonb_build_object('provenance', b.provenance)
                     FROM grid.person b WHERE b.id = $2::bigint),
        'survivor', (SELECT jsonb_build_object('id_number_enc', encode(a.id_number_enc, 'base64'),
                       'id_number_bidx', a.id_number_bidx, 'id_number_mask', a.id_number_mask, 'birth_date', a.birth_date,
                       'phone_enc', encode(a.phone_enc, 'base64'), 'phone_bidx', a.phone_bidx, 'phone_mask', a.phone_mask,
                       'ethnicity', a.ethnicity, 'registered_region', a.registered_region, 'care_flags', a.care_flags,
                       'fresh_until', a.fresh_until)
                     FROM grid.person a WHERE a.id = $1::bigint),
        'residences', (SELECT coalesce(jsonb_agg(id), '[]') FROM grid.residence WHERE person_id = $2::bigint),
        'households', (SELECT coalesce(jsonb_agg(jsonb_build_object('h', household_id, 'r', relation)), '[]')
                       FROM grid.household_member WHERE person_id = $2::bigint),
        'enterprises', (SELECT coalesce(jsonb_agg(to_jsonb(pe)), '[]') FROM grid.person_enterprise pe WHERE person_id = $2::bigint),
        'rows', (SELECT coalesce(jsonb_agg(jsonb_build_array(batch_id, row_no)), '[]') FROM gov.row WHERE person_id = $2::bigint),
        'issues', (SELECT coalesce(jsonb_agg(id), '[]') FROM gov.issue WHERE person_id = $2::bigint),
        'confirmations', (SELECT coalesce(jsonb_agg(jsonb_build_object('s', source, 'd', last_day)), '[]')
                          FROM gov.confirmation WHERE person_id = $2::bigint),
        'survivorConfirmations', (SELECT coalesce(jsonb_agg(jsonb_build_object('s', source, 'd', last_day)), '[]')
                                  FROM gov.confirmation WHERE person_id = $1::bigint),
        'survivorHouseholds', (SELECT coalesce(jsonb_agg(household_id), '[]') FROM grid.household_member WHERE person_id = $1::bigint),
        'survivorEnterprises', (SELECT coalesce(jsonb_agg(jsonb_build_array(enterprise_id, relation)), '[]')
                                FROM grid.person_enterprise WHERE person_id = $1::bigint),
        'headOf', (SELECT coalesce(jsonb_agg(id), '[]') FROM grid.household WHERE head_person_id = $2::bigint))""";

  /** Freshness histograms: take the persons' contributions out ($1::bigint person ids) … */
  static final String[] SUBTRACT = {
      """
      UPDATE gov.confirmation_day d SET persons = d.persons - x.n
      FROM (SELECT source, last_day, count(*) AS n FROM gov.confirmation WHERE person_id = ANY($1::bigint[]) GROUP BY 1, 2) x
      WHERE d.source = x.source AND d.day = x.last_day""",
      """
      UPDATE gov.fresh_day d SET persons = d.persons - x.n
      FROM (SELECT fresh_until, count(*) AS n FROM grid.person WHERE id = ANY($1::bigint[]) AND fresh_until IS NOT NULL
            AND merged_into IS NULL GROUP BY 1) x
      WHERE d.day = x.fresh_until"""};

  /** … and put them back after the change. */
  static final String[] ADD = {
      """
      INSERT INTO gov.confirmation_day (source, day, persons)
      SELECT source, last_day, count(*) FROM gov.confirmation WHERE person_id = ANY($1::bigint[]) GROUP BY 1, 2
      ON CONFLICT (source, day) DO UPDATE SET persons = gov.confirmation_day.persons + excluded.persons""",
      """
      INSERT INTO gov.fresh_day (day, persons)
      SELECT fresh_until, count(*) FROM grid.person WHERE id = ANY($1::bigint[]) AND fresh_until IS NOT NULL AND merged_into IS NULL
      GROUP BY 1
      ON CONFLICT (day) DO UPDATE SET persons = gov.fresh_day.persons + excluded.persons"""};

  /** B's confirmations become A's (the later day where both have one). */
  static final String[] MERGE_CONFIRMATIONS = {
      """
      INSERT INTO gov.confirmation (person_id, source, last_day) SELECT $1::bigint, source, last_day FROM gov.confirmation
      WHERE person_id = $2::bigint
      ON CONFLICT (person_id, source) DO UPDATE SET last_day = greatest(gov.confirmation.last_day, excluded.last_day)""",
      "DELETE FROM gov.confirmation WHERE $1::bigint <> $2::bigint AND person_id = $2::bigint"};

  /**
   * Moves B's facts to A (duplicates A already has are dropped). Every statement takes ($1 A, $2 B);
   * those that only need B still name A, so PostgreSQL can type both parameters.
   */
  static final String[] MOVE = {
      "UPDATE grid.residence SET person_id = $1::bigint WHERE person_id = $2::bigint",
      "INSERT INTO grid.household_member (household_id, person_id, relation) SELECT household_id, $1::bigint, relation"
          + " FROM grid.household_member WHERE person_id = $2::bigint ON CONFLICT DO NOTHING",
      "DELETE FROM grid.household_member WHERE $1::bigint <> $2::bigint AND person_id = $2::bigint",
      "UPDATE grid.household SET head_person_id = $1::bigint WHERE head_person_id = $2::bigint",
      "INSERT INTO grid.person_enterprise (person_id, enterprise_id, relation, share_pct, title, since, until, source)"
          + " SELECT $1::bigint, enterprise_id, relation, share_pct, title, since, until, source FROM grid.person_enterprise"
          + " WHERE person_id = $2::bigint ON CONFLICT DO NOTHING",
      "DELETE FROM grid.person_enterprise WHERE $1::bigint <> $2::bigint AND person_id = $2::bigint",
      "UPDATE gov.row SET person_id = $1::bigint WHERE person_id = $2::bigint",
      "UPDATE gov.issue SET person_id = $1::bigint WHERE person_id = $2::bigint",
  };

  static final String CLEAR_ABSORBED = """
      UPDATE grid.person SET merged_into = $1::bigint, id_number_bidx = NULL, phone_bidx = NULL, fresh_until = NULL, updated_at = now()
      WHERE id = $2::bigint AND merged_into IS NULL""";

  static final String FILL_SURVIVOR = """
      UPDATE grid.person a SET
        id_number_enc = coalesce(a.id_number_enc, b.id_number_enc),
        id_number_bidx = coalesce(a.id_number_bidx, (SELECT s #>> '{absorbed,id_number_bidx}' FROM (SELECT $3::jsonb AS s) x)),
        id_number_mask = coalesce(a.id_number_mask, b.id_number_mask), birth_date = coalesce(a.birth_date, b.birth_date),
        phone_enc = coalesce(a.phone_enc, b.phone_enc),
        phone_bidx = coalesce(a.phone_bidx, (SELECT s #>> '{absorbed,phone_bidx}' FROM (SELECT $3::jsonb AS s) x)),
        phone_mask = coalesce(a.phone_mask, b.phone_mask), ethnicity = coalesce(a.ethnicity, b.ethnicity),
        registered_region = coalesce(a.registered_region, b.registered_region),
        care_flags = (SELECT coalesce(array_agg(DISTINCT f ORDER BY f), '{}') FROM unnest(a.care_flags || b.care_flags) f),
        fresh_until = greatest(a.fresh_until, (SELECT (s #>> '{absorbed,fresh_until}')::date FROM (SELECT $3::jsonb AS s) x)),
        updated_at = now()
      FROM grid.person b WHERE a.id = $1::bigint AND b.id = $2::bigint""";

  static final String INSERT_EVENT = """
      INSERT INTO gov.merge_event (kind, survivor_id, absorbed_id, snapshot, score, automatic, decided_by)
      VALUES ('merge', $1::bigint, $2::bigint, $3::jsonb, $4, $5, $6) RETURNING id""";
}
