-- The change feed served changes by seq, but identity values are handed out when rows are written,
-- not when their transactions commit: a change written early and committed late could land behind
-- a phone's cursor and never reach it (a tombstone lost this way leaves personal data on a phone).
-- Each change now records its transaction; the feed serves by (xid, seq), and only from transactions
-- older than every one still running (ChangeFeed.Cursor).
ALTER TABLE sync.change ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX change_xid_seq ON sync.change (xid, seq);
