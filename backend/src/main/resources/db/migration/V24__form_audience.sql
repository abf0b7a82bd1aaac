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

-- The change log names the unit grids of the audience, so that only their workers hear of the version.
CREATE OR REPLACE FUNCTION sync.log_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'form_version' THEN
    INSERT INTO sync.change (entity, entity_id, grids)
    SELECT 'form', n.form_id || '@' || n.version, CASE WHEN n.audience IS NULL THEN '{}'::text[] ELSE coalesce(
             (SELECT array_agg(g.code) FROM grid.unit_grid g WHERE EXISTS (SELECT 1 FROM unnest(n.audience) a
               WHERE g.code LIKE a || '%')),
             nullif(n.audience, '{}'), ARRAY['-']) END
    FROM new_rows n;
  ELSE
    INSERT INTO sync.change (entity, entity_id, grids) SELECT 'placecode-key', n.key_id, '{}' FROM new_rows n
      WHERE n.name = 'placecode';
  END IF;
  RETURN NULL;
END $$;
