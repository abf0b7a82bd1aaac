package cn.citygrid.backend.ledger;

/** The log's SQL statements, in one place. */
final class LedgerSql {
  private LedgerSql() {}

  /**
   * The new ones of $1…$11 as {@code stored}, with the sync's note on each one's arrival (ADR 0039): the
   * device's clock ($12), its offset estimate ($13), the record's time flags ($14, comma-joined per record;
   * a NULL array when the sync did not take the records in) and the territory its author covered ($15).
   * A record already there is skipped. Each new record is queued for sealing and for the sync's
   * projection into the domain (all but proposals, which are decided as they arrive, and access-log
   * anchors) in the same statement, so that no path can store a record and forget it. Returns the ids
   * that were new.
   */
  static final String INSERT_RECORDS = """
      WITH stored AS (
        INSERT INTO ledger.record (id, client_id, device_id, account_id, form_id, form_version, captured_at,
                                   received_at, canonical, payload, leaf_hash, device_time, device_offset_ms,
                                   time_flags, scope)
        SELECT u.id, u.client_id, u.device_id, u.account_id, u.form_id, u.form_version, u.captured_at,
               u.received_at, u.canonical, u.payload::jsonb, u.leaf_hash, $12, $13,
               CASE WHEN u.flags IS NOT NULL THEN coalesce(string_to_array(nullif(u.flags, ''), ','), '{}') END, $15
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[],
                    $8::timestamptz[], $9::bytea[], $10::text[], $11::bytea[], $14::text[])
             AS u(id, client_id, device_id, account_id, form_id, form_version, captured_at, received_at,
                  canonical, payload, leaf_hash, flags)
        ON CONFLICT (id) DO NOTHING
        RETURNING id, received_at, leaf_hash, form_id),
      queued AS (
        INSERT INTO sync.projection_queue (record_id)
        SELECT id FROM stored WHERE form_id NOT IN ('citygrid.proposal', 'access-anchor'))
      INSERT INTO ledger.pending (record_id, received_at, leaf_hash) SELECT id, received_at, leaf_hash FROM stored
      RETURNING record_id""";

  static final String NODES = """
      SELECT n.level, n.idx, n.hash FROM ledger.node n
      JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx""";

  /**
   * Takes the next batch off the queue in arrival order (the caller sorts it by receive time, then id):
   * every visible row up to the {@code $1}-th smallest seq, one range in one snapshot. Only the holder of
   * {@link #APPEND_LOCK} deletes here, so no row lock is needed. A range, not {@code seq IN (…)} or a
   * join: the queue's statistics are nearly always stale (it fills and drains between analyses), and a
   * plan made for an empty table joined the batch against every queued row (seconds per batch).
   */
  static final String TAKE_PENDING = """
      DELETE FROM ledger.pending
      WHERE seq <= (SELECT max(seq) FROM (SELECT seq FROM ledger.pending ORDER BY seq LIMIT $1) AS first)
      RETURNING record_id, leaf_hash, received_at""";

  static final String ASSIGN = """
      INSERT INTO ledger.leaf (idx, record_id) SELECT * FROM unnest($2::bigint[], $1::text[])""";

  static final String INSERT_NODES = """
      INSERT INTO ledger.node (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])""";

  static final String INSERT_CHECKPOINT =
      "INSERT INTO ledger.checkpoint (size, root, note, signed_at) VALUES ($1, $2, $3, $4)";

  static final String LATEST_SIZE = "SELECT coalesce(max(size), -1) FROM ledger.checkpoint";

  /** Held for the whole transaction: one append at a time across every node, whoever thinks it leads. */
  static final String APPEND_LOCK = "SELECT pg_advisory_xact_lock(7465063712834100002)";

  /** Session lock of the elected appender. */
  static final String LEADER_LOCK = "SELECT pg_try_advisory_lock(7465063712834100001)";
}
