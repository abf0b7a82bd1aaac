-- The grids tile layer (backend GridsLayer) draws the names of each grid's enabled grid workers.
-- Attaching or detaching a worker, renaming or disabling an account, or granting or taking the
-- GRID_WORKER role changes the tiles of the grids concerned: those statements NOTIFY citygrid_tiles
-- with the box of those grids, as V13 does for the grid tables, so their cached tiles are dropped.

CREATE INDEX account_scope_node ON auth.account_scope (node_code);

-- TG_ARGV[0]: SQL giving the grid codes concerned; %s in it is the statement's changed rows.
CREATE FUNCTION auth.notify_grid_workers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ext box2d;
BEGIN
  EXECUTE format('SELECT ST_Extent(g.geom) FROM grid.unit_grid g WHERE g.code IN (' || TG_ARGV[0] || ')',
                 grid.changed_rows_sql(TG_OP)) INTO ext;
  IF ext IS NOT NULL THEN
    PERFORM pg_notify('citygrid_tiles', jsonb_build_object('table', TG_TABLE_NAME,
        'bbox', jsonb_build_array(ST_XMin(ext), ST_YMin(ext), ST_XMax(ext), ST_YMax(ext)))::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER account_scope_tiles_ins AFTER INSERT ON auth.account_scope REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed('SELECT c.node_code FROM (%s) c');
CREATE TRIGGER account_scope_tiles_upd AFTER UPDATE ON auth.account_scope
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed('SELECT c.node_code FROM (%s) c');
CREATE TRIGGER account_scope_tiles_del AFTER DELETE ON auth.account_scope REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed('SELECT c.node_code FROM (%s) c');

CREATE TRIGGER account_role_tiles_ins AFTER INSERT ON auth.account_role REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed(
    'SELECT s.node_code FROM auth.account_scope s WHERE s.account_id IN (SELECT c.account_id FROM (%s) c WHERE c.role = ''GRID_WORKER'')');
CREATE TRIGGER account_role_tiles_del AFTER DELETE ON auth.account_role REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed(
    'SELECT s.node_code FROM auth.account_scope s WHERE s.account_id IN (SELECT c.account_id FROM (%s) c WHERE c.role = ''GRID_WORKER'')');

-- Sign-ins update accounts all the time (failed logins, lockouts): only a new name or a changed
-- enabled flag is drawn.
CREATE TRIGGER account_tiles_upd AFTER UPDATE ON auth.account
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_grid_workers_changed(
    'SELECT s.node_code FROM auth.account_scope s WHERE s.account_id IN (SELECT o.id FROM changed_old o JOIN changed_new n ON n.id = o.id
       WHERE o.display_name IS DISTINCT FROM n.display_name OR o.enabled IS DISTINCT FROM n.enabled)');
