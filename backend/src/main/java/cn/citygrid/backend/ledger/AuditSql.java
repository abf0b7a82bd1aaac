package cn.citygrid.backend.ledger;

/** The audit's reads. */
final class AuditSql {
  private AuditSql() {}

  /** Records with the device key that signed them and the stored level-0 node, in leaf order. */
  static final String CHUNK = """
      SELECT r.id, r.leaf_index, r.canonical, r.received_at, r.payload::text AS payload, r.leaf_hash,
             d.public_key, n.hash AS node
      FROM ledger.record r
      LEFT JOIN ledger.device d ON d.id = r.device_id
      LEFT JOIN ledger.node n ON n.level = 0 AND n.idx = r.leaf_index
      WHERE r.leaf_index > $1 ORDER BY r.leaf_index LIMIT $2""";
}
