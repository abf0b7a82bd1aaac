-- ADR 0041: a form version reaches the workers of its audience. A supervisor's upload is published
-- for the territory they cover (region/grid code prefixes); an administrator's, and the built-in
-- forms, for the whole city (NULL). Before, any street's supervisor published and retired versions
-- for every worker of the city.
ALTER TABLE sync.form_version ADD COLUMN audience text[];

-- Whether a version for this audience concerns a caller with these scope patterns ('code%'; NULL: everywhere).
CREATE FUNCTION sync.reaches(audience text[], scope text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT audience IS NULL OR scope IS NULL OR EXISTS (
    SELECT 1 FROM unnest(audience) a, unnest(scope) p WHERE a LIKE p OR rtrim(p, '%') LIKE a || '%')
$$;

-- The change log names the unit grids of the audience, so that only their workers hear of the version
-- (sync.log_everyone keeps serving place-code keys; its form branch is no longer reached).
CREATE FUNCTION sync.log_form() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync.change (entity, entity_id, grids)
  SELECT 'form', n.form_id || '@' || n.version, CASE WHEN n.audience IS NULL THEN '{}'::text[] ELSE coalesce(
           (SELECT array_agg(g.code) FROM grid.unit_grid g WHERE EXISTS (SELECT 1 FROM unnest(n.audience) a
             WHERE g.code LIKE a || '%')),
           nullif(n.audience, '{}'), ARRAY['-']) END
  FROM new_rows n;
  RETURN NULL;
END $$;
DROP TRIGGER form_ins ON sync.form_version;
DROP TRIGGER form_upd ON sync.form_version;
CREATE TRIGGER form_ins AFTER INSERT ON sync.form_version REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync.log_form();
CREATE TRIGGER form_upd AFTER UPDATE ON sync.form_version REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync.log_form();
