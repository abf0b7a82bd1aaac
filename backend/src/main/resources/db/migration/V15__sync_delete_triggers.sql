-- V11's grid and task change-log triggers named the transition table new_rows in the branch shared by
-- UPDATE and DELETE; PostgreSQL plans the whole statement, and a DELETE trigger has no new_rows, so
-- deleting a grid (a merge in the grid tools) or a task failed. Each operation now has its own branch.

CREATE OR REPLACE FUNCTION sync.log_grid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO sync.change (entity, entity_id, grids) SELECT 'grid', o.code, ARRAY[o.code] FROM old_rows o;
    RETURN NULL;
  END IF;
  INSERT INTO sync.change (entity, entity_id, grids) SELECT 'grid', n.code, ARRAY[n.code] FROM new_rows n;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO sync.change (entity, entity_id, grids) SELECT 'grid', o.code, ARRAY[o.code] FROM old_rows o
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.code = o.code);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION sync.log_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO sync.change (entity, entity_id, account_id) SELECT 'task', o.id::text, o.assignee_id FROM old_rows o;
    RETURN NULL;
  END IF;
  INSERT INTO sync.change (entity, entity_id, account_id) SELECT 'task', n.id::text, n.assignee_id FROM new_rows n;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO sync.change (entity, entity_id, account_id) SELECT 'task', o.id::text, o.assignee_id FROM old_rows o
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND n.assignee_id = o.assignee_id);
  END IF;
  RETURN NULL;
END $$;
