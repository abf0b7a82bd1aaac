-- Tile cache invalidation across nodes: every statement that changes a table drawn in vector
-- tiles sends one NOTIFY on channel citygrid_tiles with the bounding box (CGCS2000 lon/lat) of
-- everything it touched, old and new positions. NOTIFY is transactional: it is delivered on
-- commit and never for a rolled-back change. Each node's TileChangeListener drops the cached
-- tiles that intersect the box (geo-services TileChangeListener, started by the backend).

CREATE FUNCTION grid.notify_tiles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_sql text := grid.changed_rows_sql(TG_OP);
  ext box2d;
  grids box2d;
  payload jsonb;
BEGIN
  EXECUTE format('SELECT ST_Extent(c.geom) FROM (%s) c', rows_sql) INTO ext;
  IF ext IS NULL THEN
    RETURN NULL;
  END IF;
  payload := jsonb_build_object('table', TG_TABLE_NAME,
      'bbox', jsonb_build_array(ST_XMin(ext), ST_YMin(ext), ST_XMax(ext), ST_YMax(ext)));
  IF TG_TABLE_NAME = 'house' THEN
    -- zooms 10-13 draw one point per grid with its house count: those tiles of the houses' grids
    -- change too ("grids", which the listener applies to those zooms only)
    EXECUTE format('SELECT ST_Extent(u.geom) FROM grid.unit_grid u WHERE u.code IN (SELECT c.grid_code FROM (%s) c)', rows_sql)
      INTO grids;
    IF grids IS NOT NULL THEN
      payload := payload || jsonb_build_object('grids',
          jsonb_build_array(ST_XMin(grids), ST_YMin(grids), ST_XMax(grids), ST_YMax(grids)));
    END IF;
  END IF;
  PERFORM pg_notify('citygrid_tiles', payload::text);
  RETURN NULL;
END
$$;

-- TRUNCATE (the demo city's rebuild) has no transition tables: every tile may have changed.
CREATE FUNCTION grid.notify_tiles_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('citygrid_tiles', json_build_object('table', TG_TABLE_NAME,
      'bbox', json_build_array(-180, -90, 180, 90))::text);
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['region', 'unit_grid', 'building', 'house', 'enterprise', 'place'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON grid.%I REFERENCING NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_changed()', t || '_tiles_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON grid.%I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_changed()', t || '_tiles_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON grid.%I REFERENCING OLD TABLE AS changed_old '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_changed()', t || '_tiles_del', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON grid.%I '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_truncated()', t || '_tiles_truncate', t);
  END LOOP;
END
$$;
