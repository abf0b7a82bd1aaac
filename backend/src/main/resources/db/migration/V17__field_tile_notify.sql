-- The events and check-ins tile layers (backend FieldLayers) draw grid.event and grid.check_in:
-- their changes NOTIFY citygrid_tiles with the box of the rows concerned, as V13 does for the
-- grid tables, so the cached tiles they touch are dropped.

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event', 'check_in'] LOOP
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
