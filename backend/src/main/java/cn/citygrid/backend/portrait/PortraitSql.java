package cn.citygrid.backend.portrait;

/**
 * The portrait queries: one statement each, JSON assembled in PostgreSQL, scope in the WHERE
 * clause ($2 grid-code prefixes with '%', null = everywhere; $3 a steward's department, null = any).
 * {@code ./grid bench grid} runs the very same text with pgbench.
 */
public final class PortraitSql {
  private PortraitSql() {}

  static final String PERSON_SCOPE = """
        AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM grid.residence sr JOIN grid.house sh ON sh.id = sr.house_id
             WHERE sr.person_id = p.id AND sr.until IS NULL AND sh.grid_code LIKE ANY ($2)))
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM gov.confirmation sc JOIN gov.source ss ON ss.name = sc.source
             WHERE sc.person_id = p.id AND ss.department = $3))""";

  public static final String PERSON = """
      SELECT p.id, p.id_number_enc, p.id_number_mask, p.name, p.gender, p.birth_date, p.ethnicity, p.phone_enc,
        p.phone_mask, p.registered_region, p.care_flags, p.provenance::text AS provenance, p.confirmed_at,
        (SELECT json_build_object('householdNo', h.household_no, 'relation', m.relation, 'members',
            (SELECT json_agg(json_build_object('personId', q.id, 'name', q.name, 'relation', m2.relation,
                    'birthYear', extract(year FROM q.birth_date)) ORDER BY m2.relation, q.id)
             FROM grid.household_member m2 JOIN grid.person q ON q.id = m2.person_id
             WHERE m2.household_id = h.id AND q.id <> p.id))
         FROM grid.household_member m JOIN grid.household h ON h.id = m.household_id
         WHERE m.person_id = p.id LIMIT 1)::text AS household,
        (SELECT json_agg(json_build_object('houseId', r.house_id, 'address', ho.address, 'gridCode', ho.grid_code,
                'gridName', g.name, 'kind', r.kind, 'since', r.since, 'until', r.until, 'source', r.source,
                'lon', ST_X(ho.geom), 'lat', ST_Y(ho.geom)) ORDER BY r.until DESC NULLS FIRST, r.since DESC)
         FROM grid.residence r JOIN grid.house ho ON ho.id = r.house_id JOIN grid.unit_grid g ON g.code = ho.grid_code
         WHERE r.person_id = p.id)::text AS residences,
        (SELECT json_agg(json_build_object('creditCode', e.credit_code, 'name', e.name, 'relation', pe.relation,
                'sharePct', pe.share_pct, 'title', pe.title, 'since', pe.since, 'source', pe.source) ORDER BY e.name)
         FROM grid.person_enterprise pe JOIN grid.enterprise e ON e.id = pe.enterprise_id
         WHERE pe.person_id = p.id)::text AS enterprises,
        (SELECT json_agg(json_build_object('id', i.id, 'rule', i.rule, 'field', i.field, 'message', i.message,
                'source', i.source, 'createdAt', i.created_at) ORDER BY i.id)
         FROM gov.issue i WHERE i.person_id = p.id AND i.status = 'open')::text AS issues,
        (SELECT json_agg(v.j) FROM (SELECT json_build_object('recordId', lr.id, 'form', lr.form_id,
                'capturedAt', lr.captured_at, 'houseId', lr.payload ->> 'houseId') AS j
             FROM ledger.record lr WHERE lr.payload ->> 'houseId' IN
               (SELECT r2.house_id::text FROM grid.residence r2 WHERE r2.person_id = p.id AND r2.until IS NULL)
             ORDER BY lr.captured_at DESC LIMIT 10) v)::text AS visits
      FROM grid.person p
      WHERE p.id_number_bidx = $1 AND p.merged_into IS NULL
      """ + PERSON_SCOPE;

  /** The same portrait by the record's own id (links from search results and lists). */
  public static final String PERSON_BY_ID = PERSON.replace("p.id_number_bidx = $1", "p.id = $1::bigint");

  static final String SEARCH = """
      SELECT p.id, p.name, p.id_number_mask, p.gender, p.birth_date,
        (SELECT ho.address FROM grid.residence r JOIN grid.house ho ON ho.id = r.house_id
         WHERE r.person_id = p.id AND r.until IS NULL ORDER BY r.since DESC LIMIT 1) AS address
      FROM grid.person p
      WHERE p.merged_into IS NULL AND ($1::text IS NULL OR p.id_number_bidx = $1)
        AND ($4::text IS NULL OR p.name LIKE $4)
      """ + PERSON_SCOPE + " ORDER BY p.id LIMIT $5 OFFSET $6";

  /** One house in the caller's grids ($1 id, $2 prefixes), with its 20 latest field records (those naming it as houseId). */
  static final String HOUSE = """
      SELECT h.id, h.address, h.grid_code, g.name AS grid_name, h.usage, h.area_m2::text AS area, h.building_id,
        ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat,
        (SELECT json_agg(v.j) FROM (SELECT json_build_object('recordId', lr.id, 'form', lr.form_id,
                'capturedAt', lr.captured_at, 'worker', a.username, 'workerName', a.display_name) AS j
             FROM ledger.record lr JOIN auth.account a ON a.id = lr.account_id
             WHERE lr.payload ->> 'houseId' = h.id::text ORDER BY lr.captured_at DESC, lr.id LIMIT 20) v)::text AS visits
      FROM grid.house h JOIN grid.unit_grid g ON g.code = h.grid_code
      WHERE h.id = $1::bigint AND ($2::text[] IS NULL OR h.grid_code LIKE ANY ($2))""";

  /** The current residents of house $1 whom the caller may see (the portrait's scope rule), in the columns of SEARCH. */
  static final String HOUSE_RESIDENTS = """
      SELECT p.id, p.name, p.id_number_mask, p.gender, p.birth_date, h.address, r.kind, r.since
      FROM grid.residence r JOIN grid.person p ON p.id = r.person_id JOIN grid.house h ON h.id = r.house_id
      WHERE r.house_id = $1::bigint AND r.until IS NULL AND p.merged_into IS NULL
      """ + PERSON_SCOPE + " ORDER BY p.birth_date NULLS LAST, p.id LIMIT 200";
}
