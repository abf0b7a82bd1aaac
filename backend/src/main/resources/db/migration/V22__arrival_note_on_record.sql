-- ADR 0039: the intake statement (ADR 0038) wrote four rows per record: the record, its place in the
-- sealing queue, its place in the projection queue and a note on its arrival, each into a b-tree keyed
-- by the record's random SM3 id. The arrival note (device clock, offset, time flags, territory) is
-- written once, with the record, and never changed: it becomes columns of the record (NULL for records
-- the sync did not take in). Both queues are keyed by arrival order instead of by record id, so a new
-- entry goes to the right edge of one small index.

ALTER TABLE ledger.record
  ADD COLUMN device_time      timestamptz,  -- the device's clock when its upload left (sync only)
  ADD COLUMN device_offset_ms bigint,       -- the device's own estimate of its clock offset
  ADD COLUMN time_flags       text[],       -- the sync's judgement of the capture time; NULL: not noted
  ADD COLUMN scope            text[];       -- territory the author covered on arrival (region/grid codes)

ALTER TABLE ledger.record DISABLE TRIGGER record_append_only;
UPDATE ledger.record r SET device_time = m.device_time, device_offset_ms = m.offset_ms, time_flags = m.flags,
                           scope = m.scope
FROM sync.record_meta m WHERE m.record_id = r.id;
ALTER TABLE ledger.record ENABLE TRIGGER record_append_only;

-- The territory of a record: as noted on arrival, else (records the sync did not take in) its author's now.
DROP FUNCTION sync.record_scope(text, bigint);
CREATE FUNCTION sync.record_scope(noted text[], account_id bigint) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce($1, ARRAY(SELECT s.node_code FROM auth.account_scope s WHERE s.account_id = $2))
$$;
DROP TABLE sync.record_meta;

ALTER TABLE ledger.pending DROP CONSTRAINT pending_pkey;
DROP INDEX ledger.pending_order;
ALTER TABLE ledger.pending ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;

ALTER TABLE sync.projection_queue DROP CONSTRAINT projection_queue_pkey;
ALTER TABLE sync.projection_queue ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
