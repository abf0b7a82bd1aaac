-- The access log refused UPDATE and DELETE but not TRUNCATE, which skips row triggers.
-- (Defence against accidents: the owner can still disable triggers; tampering is caught by
-- the per-node SM3 chains and their anchors in the ledger, see docs/governance.md.)
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON gov.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION gov.refuse_change();
