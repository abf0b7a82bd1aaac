-- ADR 0036: a live feed cursor is a pair of snapshots, not an (xid, seq) position below the oldest
-- running transaction, so one long transaction no longer holds back every phone's changes. What
-- retention purges is now named by transaction: change rows of transactions below purged_below may
-- be gone, and a cursor whose base does not see all of them gets a reset.
ALTER TABLE sync.feed_epoch ADD COLUMN purged_below xid8 NOT NULL DEFAULT '0';
ALTER TABLE sync.feed_epoch DROP COLUMN purged_through;
