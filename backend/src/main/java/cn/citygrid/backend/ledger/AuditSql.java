package cn.citygrid.backend.ledger;

/** The audit's reads. */
final class AuditSql {
  private AuditSql() {}

  /** Leaves in order with their record (null when it is gone), its device key and the stored level-0 node. */
  static final String CHUNK = """
      SELECT l.idx AS leaf_index, l.record_id, r.id, r.canonical, r.received_at, r.payload::text AS payload,
             r.leaf_hash, d.public_key, n.hash AS node
      FROM ledger.leaf l
      LEFT JOIN ledger.record r ON r.id = l.record_id
      LEFT JOIN ledger.device d ON d.id = r.device_id
      LEFT JOIN ledger.node n ON n.level = 0 AND n.idx = l.idx
      WHERE l.idx > $1 ORDER BY l.idx LIMIT $2""";
}
