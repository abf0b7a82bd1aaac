-- The data-quality tile layer (backend QualityLayer) draws houses whose current residents have
-- open gov.issue rows. Its tiles change when issues open or close and when residences change:
-- these statements NOTIFY citygrid_tiles (as V13 does for drawn tables) with the box of the
-- houses concerned. TG_ARGV[0]: a query giving those house ids, with %s for the changed rows.

CREATE FUNCTION grid.notify_tiles_of_houses() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ext box2d;
BEGIN
  EXECUTE 'SELECT ST_Extent(h.geom) FROM grid.house h WHERE h.id IN ('
      || format(TG_ARGV[0], grid.changed_rows_sql(TG_OP)) || ')' INTO ext;
  IF ext IS NOT NULL THEN
    PERFORM pg_notify('citygrid_tiles', jsonb_build_object('table', TG_TABLE_NAME,
        'bbox', jsonb_build_array(ST_XMin(ext), ST_YMin(ext), ST_XMax(ext), ST_YMax(ext)))::text);
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('gov', 'issue', 'SELECT r.house_id FROM (%s) c JOIN grid.residence r ON r.person_id = c.person_id'),
      ('grid', 'residence', 'SELECT c.house_id FROM (%s) c')) v (sch, tbl, houses_sql)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I.%I REFERENCING NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_of_houses(%L)', t.tbl || '_tiles_ins', t.sch, t.tbl, t.houses_sql);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I.%I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_of_houses(%L)', t.tbl || '_tiles_upd', t.sch, t.tbl, t.houses_sql);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I.%I REFERENCING OLD TABLE AS changed_old '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_of_houses(%L)', t.tbl || '_tiles_del', t.sch, t.tbl, t.houses_sql);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I.%I '
        || 'FOR EACH STATEMENT EXECUTE FUNCTION grid.notify_tiles_truncated()', t.tbl || '_tiles_truncate', t.sch, t.tbl);
  END LOOP;
END
$$;
