-- Whose field records a supervisor sees follows the territory the author covered when the record
-- arrived, not the author's territory today: a worker moved to another street does not take their
-- records' visibility along, and does not expose them to their new supervisor. Written by the
-- intake statement with the rest of the arrival note (ADR 0038); rows from before take the author's
-- territory as it is now.
ALTER TABLE sync.record_meta ADD COLUMN scope text[];
UPDATE sync.record_meta m SET scope = coalesce((SELECT array_agg(s.node_code ORDER BY s.node_code)
  FROM ledger.record r JOIN auth.account_scope s ON s.account_id = r.account_id WHERE r.id = m.record_id), '{}');

-- The territory of a record: as noted on arrival, else (records the sync did not take in) its author's now.
CREATE FUNCTION sync.record_scope(record_id text, account_id bigint) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT m.scope FROM sync.record_meta m WHERE m.record_id = $1),
                  ARRAY(SELECT s.node_code FROM auth.account_scope s WHERE s.account_id = $2))
$$;
