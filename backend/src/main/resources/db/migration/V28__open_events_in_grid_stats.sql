-- The per-grid statistics (V12) count open events too: reported or dispatched, not yet resolved or
-- closed. Kept current like the other counts, by statement-level triggers on grid.event that recount
-- exactly the grids a statement touched, inside its transaction.

ALTER TABLE grid.unit_grid_stats ADD COLUMN open_events integer NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION grid.refresh_unit_grid_stats(codes text[]) RETURNS integer LANGUAGE sql
SET TimeZone = 'Asia/Shanghai' AS $$
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
  ), ev AS (
    SELECT grid_code, count(*) AS n FROM grid.event
    WHERE grid_code IN (SELECT code FROM target) AND status IN ('reported', 'dispatched') GROUP BY 1
  ), written AS (
    INSERT INTO grid.unit_grid_stats AS s (grid_code, houses, persons, enterprises, places, open_events, refreshed_at)
    SELECT t.code, coalesce(h.n, 0), coalesce(p.n, 0), coalesce(e.n, 0), coalesce(pl.n, 0), coalesce(ev.n, 0), now()
    FROM target t
    LEFT JOIN h ON h.grid_code = t.code LEFT JOIN p ON p.grid_code = t.code
    LEFT JOIN e ON e.grid_code = t.code LEFT JOIN pl ON pl.grid_code = t.code LEFT JOIN ev ON ev.grid_code = t.code
    ON CONFLICT (grid_code) DO UPDATE SET houses = excluded.houses, persons = excluded.persons,
      enterprises = excluded.enterprises, places = excluded.places, open_events = excluded.open_events,
      refreshed_at = excluded.refreshed_at
    RETURNING 1
  )
  SELECT count(*)::integer FROM written
$$;

CREATE TRIGGER event_stats_ins AFTER INSERT ON grid.event REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change('c.grid_code');
CREATE TRIGGER event_stats_upd AFTER UPDATE ON grid.event REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change('c.grid_code');
CREATE TRIGGER event_stats_del AFTER DELETE ON grid.event REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION grid.unit_grid_stats_on_change('c.grid_code');

SELECT grid.refresh_unit_grid_stats(ARRAY(SELECT DISTINCT grid_code FROM grid.event WHERE grid_code IS NOT NULL));
