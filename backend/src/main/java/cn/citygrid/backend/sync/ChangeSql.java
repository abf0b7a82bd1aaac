package cn.citygrid.backend.sync;

import java.util.List;

/**
 * The change feed's SQL. Each entity has one statement giving its present state as the phone
 * stores it ({@code id}, {@code data} JSON), used two ways: by ids ({@code $1}, for live changes)
 * and as a keyset page of the whole scope ({@code $4} after, {@code $5} limit, for snapshots).
 * {@code $2} grid-code prefixes with '%' (NULL = whole city), {@code $3} the worker's account.
 */
final class ChangeSql {
  private ChangeSql() {}

  /** One feed entity: its name, id type, the statement, and the table that says whether an id still exists. */
  record Entity(String name, boolean numericId, String select, String exists) {
    String byIds() {
      return select.replace("/*filter*/", "AND x.id = ANY($1::" + (numericId ? "bigint" : "text") + "[])")
          .replace("/*page*/", "");
    }

    String page() {
      return select.replace("/*filter*/", "AND $1::text IS NULL AND x.id > $4::" + (numericId ? "bigint" : "text"))
          .replace("/*page*/", "ORDER BY x.id LIMIT $5");
    }
  }

  static final String IN_SCOPE = "($2::text[] IS NULL OR %s LIKE ANY ($2))";

  static final Entity GRID = new Entity("grid", false, """
      SELECT x.id, json_build_object('code', g.code, 'name', g.name, 'communityCode', g.community_code,
        'geometry', ST_AsGeoJSON(g.geom, 7)::json)::text AS data
      FROM grid.unit_grid g CROSS JOIN LATERAL (SELECT g.code AS id) x
      WHERE %s AND $3::bigint IS NOT NULL /*filter*/ /*page*/""".formatted(IN_SCOPE.formatted("g.code")),
      "SELECT code FROM grid.unit_grid WHERE code = ANY($1)");

  static final Entity BUILDING = new Entity("building", true, """
      SELECT x.id::text AS id, json_build_object('id', b.id::text, 'gridCode', b.grid_code, 'name', b.name, 'road', b.road,
        'roadNumber', b.road_number, 'floors', b.floors, 'units', b.units, 'address', b.address,
        'location', json_build_array(round(ST_X(b.geom)::numeric, 7), round(ST_Y(b.geom)::numeric, 7)))::text AS data
      FROM grid.building b CROSS JOIN LATERAL (SELECT b.id) x
      WHERE %s AND $3::bigint IS NOT NULL /*filter*/ /*page*/""".formatted(IN_SCOPE.formatted("b.grid_code")),
      "SELECT id::text FROM grid.building WHERE id = ANY($1::bigint[])");

  static final Entity HOUSE = new Entity("house", true, """
      SELECT x.id::text AS id, json_build_object('id', h.id::text, 'buildingId', h.building_id::text, 'gridCode', h.grid_code,
        'unit', h.unit, 'floor', h.floor, 'room', h.room, 'address', h.address, 'usage', h.usage, 'areaM2', h.area_m2,
        'location', json_build_array(round(ST_X(h.geom)::numeric, 7), round(ST_Y(h.geom)::numeric, 7)))::text AS data
      FROM grid.house h CROSS JOIN LATERAL (SELECT h.id) x
      WHERE %s AND $3::bigint IS NOT NULL /*filter*/ /*page*/""".formatted(IN_SCOPE.formatted("h.grid_code")),
      "SELECT id::text FROM grid.house WHERE id = ANY($1::bigint[])");

  /** Residents: persons with an open residence in the scope; names clear, ID number and phone masked. */
  static final Entity RESIDENT = new Entity("resident", true, """
      SELECT x.id::text AS id, json_build_object('id', p.id::text, 'name', p.name, 'gender', p.gender,
        'birthYear', extract(year FROM p.birth_date)::int, 'idNumber', p.id_number_mask, 'phone', p.phone_mask,
        'careFlags', p.care_flags, 'houses', (SELECT json_agg(json_build_object('houseId', r.house_id::text, 'kind', r.kind)
            ORDER BY r.house_id) FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
          WHERE r.person_id = p.id AND r.until IS NULL AND %1$s))::text AS data
      FROM grid.person p CROSS JOIN LATERAL (SELECT p.id) x
      WHERE p.merged_into IS NULL AND $3::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM grid.residence r
        JOIN grid.house h ON h.id = r.house_id WHERE r.person_id = p.id AND r.until IS NULL AND %1$s) /*filter*/ /*page*/"""
      .formatted(IN_SCOPE.formatted("h.grid_code")),
      "SELECT id::text FROM grid.person WHERE id = ANY($1::bigint[]) AND merged_into IS NULL");

  /** A resident snapshot page walks the scope's houses, not the whole person table. */
  static final String RESIDENT_PAGE = """
      SELECT p.id::text AS id, json_build_object('id', p.id::text, 'name', p.name, 'gender', p.gender,
        'birthYear', extract(year FROM p.birth_date)::int, 'idNumber', p.id_number_mask, 'phone', p.phone_mask,
        'careFlags', p.care_flags, 'houses', (SELECT json_agg(json_build_object('houseId', r.house_id::text, 'kind', r.kind)
            ORDER BY r.house_id) FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
          WHERE r.person_id = p.id AND r.until IS NULL AND %1$s))::text AS data
      FROM grid.person p
      WHERE p.id IN (SELECT r.person_id FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
                     WHERE r.until IS NULL AND %1$s AND r.person_id > $4::bigint)
        AND p.merged_into IS NULL AND $3::bigint IS NOT NULL AND $1::text IS NULL
      ORDER BY p.id LIMIT $5""".formatted(IN_SCOPE.formatted("h.grid_code"));

  static final Entity TASK = new Entity("task", true, """
      SELECT x.id::text AS id, json_build_object('id', t.id::text, 'kind', t.kind, 'title', t.title, 'status', t.status,
        'due', t.due, 'gridCode', t.grid_code, 'houseId', t.house_id::text, 'placeId', t.place_id::text,
        'formId', t.form_id, 'formVersion', t.form_version)::text AS data
      FROM sync.task t CROSS JOIN LATERAL (SELECT t.id) x
      WHERE t.assignee_id = $3 AND t.status = 'open' AND ($2::text[] IS NULL OR true) /*filter*/ /*page*/""",
      "SELECT id::text FROM sync.task WHERE id = ANY($1::bigint[]) AND status <> 'cancelled'");

  static final Entity FORM = new Entity("form", false, """
      SELECT x.id, json_build_object('id', f.form_id, 'version', f.version, 'title', f.title, 'xform', f.xform,
        'sm3', f.sm3)::text AS data
      FROM sync.form_version f CROSS JOIN LATERAL (SELECT f.form_id || '@' || f.version AS id) x
      WHERE f.retired_at IS NULL AND sync.reaches(f.audience, $2::text[]) AND $3::bigint IS NOT NULL /*filter*/ /*page*/""",
      "SELECT form_id || '@' || version FROM sync.form_version WHERE form_id || '@' || version = ANY($1) AND retired_at IS NULL");

  /**
   * Place-code keys: the public half only (as SPKI base64; the feed turns it into PEM). A retired key stays, with
   * {@code validUntil} set, rather than leaving by a tombstone: a phone must refuse it even where its app build
   * pinned it, and a tombstone would look like a key it never heard of (ADR 0008).
   */
  static final Entity PLACECODE_KEY = new Entity("placecode-key", false, """
      SELECT x.id, json_build_object('kid', k.key_id, 'spki', encode(k.public_key, 'base64'),
        'validFrom', k.created_at, 'validUntil', k.retired_at)::text AS data
      FROM ledger.placecode_key k CROSS JOIN LATERAL (SELECT k.key_id AS id) x
      WHERE ($2::text[] IS NULL OR true) AND $3::bigint IS NOT NULL /*filter*/ /*page*/""",
      "SELECT key_id FROM ledger.placecode_key WHERE key_id = ANY($1)");

  private static final String HOUSE_OF_PROPOSER = " " + """
      EXISTS (SELECT 1 FROM auth.account_scope s WHERE s.account_id = p.account_id AND h.grid_code LIKE s.node_code || '%')""";
  private static final String RESIDENT_OF_PROPOSER = " " + """
      EXISTS (SELECT 1 FROM grid.residence r JOIN grid.house h ON h.id = r.house_id JOIN auth.account_scope s
        ON s.account_id = p.account_id AND h.grid_code LIKE s.node_code || '%' WHERE r.person_id = q.id AND r.until IS NULL)""";

  /**
   * The proposer's view of a proposal: the outcome and the field's value now (a phone masked) — only
   * while the entity is in the proposer's grids, and never for a rejected one (which may name anything).
   */
  private static final String PROPOSAL_JSON = """
      json_build_object('recordId', p.record_id, 'entity', p.entity, 'id', p.entity_id,
        'field', p.field, 'outcome', p.outcome, 'reason', nullif(p.reason, ''), 'decidedAt', p.decided_at,
        'value', CASE WHEN p.outcome = 'rejected' THEN NULL ELSE CASE p.entity || '.' || p.field
          WHEN 'house.usage' THEN (SELECT h.usage FROM grid.house h WHERE h.id = p.entity_id::bigint AND """ + HOUSE_OF_PROPOSER + """
          )
          WHEN 'house.areaM2' THEN (SELECT h.area_m2::text FROM grid.house h WHERE h.id = p.entity_id::bigint AND """
      + HOUSE_OF_PROPOSER + """
          )
          WHEN 'resident.name' THEN (SELECT q.name FROM grid.person q WHERE q.id = p.entity_id::bigint AND """
      + RESIDENT_OF_PROPOSER + """
          )
          ELSE (SELECT q.phone_mask FROM grid.person q WHERE q.id = p.entity_id::bigint AND """ + RESIDENT_OF_PROPOSER + """
          ) END END)::text""";

  /** One proposal of account $1 (its record id appended by the caller). */
  static final String PROPOSAL = "SELECT p.record_id AS id, " + PROPOSAL_JSON + " AS data FROM sync.proposal p WHERE p.account_id = $1";

  static final Entity PROPOSAL_ENTITY = new Entity("proposal", false, "SELECT x.id, " + PROPOSAL_JSON + """
       AS data
      FROM sync.proposal p CROSS JOIN LATERAL (SELECT p.record_id AS id) x
      WHERE p.account_id = $3 AND ($2::text[] IS NULL OR true) /*filter*/ /*page*/""",
      "SELECT record_id FROM sync.proposal WHERE record_id = ANY($1)");

  /** In snapshot order. */
  static final List<Entity> ENTITIES = List.of(GRID, BUILDING, HOUSE, RESIDENT, TASK, FORM, PLACECODE_KEY, PROPOSAL_ENTITY);

  /**
   * The next live changes a worker is concerned by, in (xid, seq) order after ($5, $6): those of
   * transactions visible in the window's end snapshot $7 but not in its base $1 (ChangeFeed.Cursor).
   */
  static final String CHANGES = """
      SELECT c.seq, c.entity, c.entity_id, c.xid::text::bigint FROM sync.change c
      WHERE c.xid >= pg_snapshot_xmin($1::text::pg_snapshot) AND c.xid < pg_snapshot_xmax($7::text::pg_snapshot)
        AND (c.xid, c.seq) > ($5::bigint::text::xid8, $6::bigint)
        AND NOT pg_visible_in_snapshot(c.xid, $1::text::pg_snapshot) AND pg_visible_in_snapshot(c.xid, $7::text::pg_snapshot)
        AND (c.account_id = $2 OR (c.account_id IS NULL AND (c.grids = '{}' OR $3::text[] IS NULL
        OR EXISTS (SELECT 1 FROM unnest(c.grids) g WHERE g LIKE ANY ($3)))))
      ORDER BY c.xid, c.seq LIMIT $4""";
}
