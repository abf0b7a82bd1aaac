-- ADR 0038: the intake stores a record, queues it for sealing (ledger.pending) and for projection
-- (sync.projection_queue) and notes its arrival (sync.record_meta) in one statement
-- (LedgerSql.INSERT_RECORDS…). Those rows are only ever written beside their record, and from now on
-- the log refuses UPDATE, DELETE and TRUNCATE, so their foreign keys back to ledger.record guarded
-- nothing and cost an index probe and a row lock per record; the projection trigger copied whole
-- records (payload and canonical bytes) into a transition table to read their ids.
CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME;
END $$;
CREATE TRIGGER record_append_only BEFORE UPDATE OR DELETE ON ledger.record
  FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER record_no_truncate BEFORE TRUNCATE ON ledger.record
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();

ALTER TABLE ledger.pending DROP CONSTRAINT pending_record_id_fkey;
ALTER TABLE sync.record_meta DROP CONSTRAINT record_meta_record_id_fkey;
ALTER TABLE sync.projection_queue DROP CONSTRAINT projection_queue_record_id_fkey;
DROP TRIGGER record_projection ON ledger.record;
DROP FUNCTION sync.queue_projection();
