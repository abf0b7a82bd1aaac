-- Per-grid statistics (persons, houses, enterprises, places), materialized and kept current by
-- statement-level triggers: every statement that changes houses, residences, enterprises,
-- places or grids recomputes exactly the grids it touched, in the same transaction. Read by
-- geo-services (GridLookup.stats, the houses tile layer at z 10-13). The demo city's TRUNCATE ...
-- CASCADE empties this table with unit_grid; its COPYs then fill it through the triggers.

CREATE TABLE grid.unit_grid_stats (
  grid_code    text        PRIMARY KEY REFERENCES grid.unit_grid (code) ON DELETE CASCADE ON UPDATE CASCADE,
  houses       integer     NOT NULL DEFAULT 0,
  persons      integer     NOT NULL DEFAULT 0,  -- distinct persons with a current residence in the grid
  enterprises  integer     NOT NULL DEFAULT 0,
  places       integer     NOT NULL DEFAULT 0,
  refreshed_at timestamptz NOT NULL DEFAULT now()
);

-- Recomputes the rows of the given grids (NULL: every grid). Returns how many rows it wrote.
-- "Current residence" depends on the date, so a nightly refresh(NULL) catches residences that
-- ended without a write.
CREATE FUNCTION grid.refresh_unit_grid_stats(codes text[]) RETURNS integer LANGUAGE sql AS $$
  WITH target AS (
    SELECT code FROM grid.unit_grid WHERE codes IS NULL OR code = ANY (codes)
  ), h AS (
    SELECT grid_code, count(*) AS n FROM grid.house WHERE grid_code IN (SELECT code FROM target) GROUP BY 1
  ), p AS (
    SELECT h.grid_code, count(DISTINCT r.person_id) AS n
    FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
    WHERE h.grid_code IN (SELECT code FROM target) AND (r.until IS NULL OR r.until >= current_date)
    GROUP BY 1
  ), e AS (
    SELECT grid_code, count(*) AS n FROM grid.enterprise WHERE grid_code IN (SELECT code FROM target) GROUP BY 1
  ), pl AS (
    SELECT grid_code, count(*) AS n FROM grid.place WHERE grid_code IN (SELECT code FROM target) GROUP BY 1
  ), written AS (
    INSERT INTO grid.unit_grid_stats AS s (grid_code, houses, persons, enterprises, places, refreshed_at)
    SELECT t.code, coalesce(h.n, 0), coalesce(p.n, 0), coalesce(e.n, 0), coalesce(pl.n, 0), now()
    FROM target t
    LEFT JOIN h ON h.grid_code = t.code LEFT JOIN p ON p.grid_code = t.code
    LEFT JOIN e ON e.grid_code = t.code LEFT JOIN pl ON pl.grid_code = t.code
    ON CONFLICT (grid_code) DO UPDATE SET houses = excluded.houses, persons = excluded.persons,
      enterprises = excluded.enterprises, places = excluded.places, refreshed_at = excluded.refreshed_at
    RETURNING 1
  )
  SELECT count(*)::integer FROM written
$$;

-- The rows a statement changed, as SQL over its transition tables (changed_old / changed_new).
CREATE FUNCTION grid.changed_rows_sql(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT * FROM changed_new'
    WHEN 'DELETE' THEN 'SELECT * FROM changed_old'
    ELSE 'SELECT * FROM changed_old UNION ALL SELECT * FROM changed_new' END
$$;

-- TG_ARGV[0]: SQL giving the grid codes of a changed row (c.*).
CREATE FUNCTION grid.unit_grid_stats_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  codes text[];
BEGIN
  EXECUTE format('SELECT array_agg(DISTINCT g) FROM (SELECT %s AS g FROM (%s) c) s WHERE g IS NOT NULL',
                 TG_ARGV[0], grid.changed_rows_sql(TG_OP)) INTO codes;
  IF codes IS NOT NULL THEN
    PERFORM grid.refresh_unit_grid_stats(codes);
  END IF;
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger, hence three triggers per table.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('unit_grid', 'c.code'), ('house', 'c.grid_code'), ('enterprise', 'c.grid_code'), ('place', 'c.grid_code'),
      ('residence', '(SELECT h.grid_code FROM grid.house h WHERE h.id = c.house_id)')) v (tbl, code_sql)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON grid.%I REFERENCING NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change(%L)', t.tbl || '_stats_ins', t.tbl, t.code_sql);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON grid.%I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change(%L)', t.tbl || '_stats_upd', t.tbl, t.code_sql);
    IF t.tbl <> 'unit_grid' THEN  -- a deleted grid's row goes by ON DELETE CASCADE
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON grid.%I REFERENCING OLD TABLE AS changed_old '
          || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change(%L)', t.tbl || '_stats_del', t.tbl, t.code_sql);
    END IF;
  END LOOP;
END
$$;

SELECT grid.refresh_unit_grid_stats(NULL);
