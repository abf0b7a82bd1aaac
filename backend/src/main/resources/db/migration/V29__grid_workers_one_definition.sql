-- A grid's grid workers, defined once: the enabled accounts with the GRID_WORKER role whose territory
-- covers the grid — a scope node (district, street, community or the grid itself; V2 allows codes of
-- 6, 9, 12 or 15 digits only) that is a prefix of the grid's code. The map's grid details used this
-- rule while the grids tile layer (and V27's cache triggers) named only workers attached to the grid
-- itself, so a worker serving a whole community was listed on a click but missing from the map's
-- labels. One row per worker, with the widest of their scope nodes that covers the grid.
-- Written as prefixes of the grid's code (not starts_with) so the scope index of V27 answers it.
-- Also here: the tile-change message built once (grid.notify_tiles), used by V27's and V14's trigger
-- functions (replaced below) and by the midnight recount (StatsDay).

CREATE FUNCTION grid.workers_of(grid_code text)
RETURNS TABLE (account_id bigint, username text, display_name text, node_code text)
LANGUAGE sql STABLE AS $$
  SELECT a.id, a.username, a.display_name, min(s.node_code)
  FROM auth.account_scope s
  JOIN auth.account a ON a.id = s.account_id AND a.enabled
  JOIN auth.account_role r ON r.account_id = a.id AND r.role = 'GRID_WORKER'
  WHERE s.node_code IN (left(grid_code, 6), left(grid_code, 9), left(grid_code, 12), grid_code)
  GROUP BY a.id, a.username, a.display_name
$$;

-- V13's citygrid_tiles message (the changed table and the CGCS2000 lon/lat box whose cached tiles
-- are stale), built in one place; nothing is sent for an empty box.
CREATE FUNCTION grid.notify_tiles(tbl text, ext box2d) RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('citygrid_tiles', jsonb_build_object('table', tbl,
      'bbox', jsonb_build_array(ST_XMin(ext), ST_YMin(ext), ST_XMax(ext), ST_YMax(ext)))::text)
  WHERE ext IS NOT NULL
$$;

-- V27's triggers give the scope nodes concerned by a change; every grid under one of them is redrawn
-- (before: only a grid whose code equalled the node).
CREATE OR REPLACE FUNCTION auth.notify_grid_workers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ext box2d;
BEGIN
  EXECUTE format('SELECT ST_Extent(g.geom) FROM grid.unit_grid g WHERE g.code LIKE ANY (ARRAY('
                 || 'SELECT changed.node || ''%%'' FROM (' || TG_ARGV[0] || ') AS changed(node)))',
                 grid.changed_rows_sql(TG_OP)) INTO ext;
  PERFORM grid.notify_tiles(TG_TABLE_NAME, ext);
  RETURN NULL;
END
$$;

-- V14's function, unchanged but for the message built by grid.notify_tiles.
CREATE OR REPLACE FUNCTION grid.notify_tiles_of_houses() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ext box2d;
BEGIN
  EXECUTE 'SELECT ST_Extent(h.geom) FROM grid.house h WHERE h.id IN ('
      || format(TG_ARGV[0], grid.changed_rows_sql(TG_OP)) || ')' INTO ext;
  PERFORM grid.notify_tiles(TG_TABLE_NAME, ext);
  RETURN NULL;
END
$$;
