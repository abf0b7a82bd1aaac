package cn.citygrid.backend.access;

/** The access log's SQL. */
final class AccessSql {
  private AccessSql() {}

  static final String INSERT = """
      INSERT INTO gov.access_log (node, seq, at, account_id, username, role, subject_kind, subject_id, purpose, action,
                                  clear_fields, request_id, prev_hash, hash)
      SELECT $1, u.* FROM unnest($2::bigint[], $3::timestamptz[], $4::bigint[], $5::text[], $6::text[], $7::text[],
                                 $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::bytea[]) u""";

  static final String OF_SUBJECT = """
      SELECT at, role, purpose, action, clear_fields FROM gov.access_log
      WHERE subject_kind = 'person' AND subject_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3""";

  static final String COUNT_OF_SUBJECT = "SELECT count(*) FROM gov.access_log WHERE subject_kind = 'person' AND subject_id = $1";
}
