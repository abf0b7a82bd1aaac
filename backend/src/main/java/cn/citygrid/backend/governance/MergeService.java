package cn.citygrid.backend.governance;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;

/**
 * Merges two golden person records found to be one person, and undoes a merge, each in one
 * transaction with a full history (gov.merge_event keeps the snapshot that makes un-merge exact).
 * The freshness histograms are adjusted by taking both persons' contributions out and back in.
 */
public final class MergeService {
  private final Pool pool;

  public MergeService(Pool pool) {
    this.pool = pool;
  }

  /** Merges {@code absorbed} into {@code survivor}; returns the merge event id. */
  public Future<Long> merge(long survivor, long absorbed, BigDecimal score, boolean automatic, Long decidedBy) {
    if (survivor == absorbed) {
      return Future.failedFuture(new DomainException(ProblemType.CONFLICT, Text.of("不能与自身合并", "Cannot merge a record into itself")));
    }
    return pool.withTransaction(tx -> merge(tx, survivor, absorbed, score, automatic, decidedBy));
  }

  /** The same inside the caller's transaction (a review decision and its merge commit together). */
  Future<Long> merge(SqlConnection tx, long survivor, long absorbed, BigDecimal score, boolean automatic, Long decidedBy) {
    Long[] both = {survivor, absorbed};
    return live(tx, survivor).compose(v -> live(tx, absorbed))
        .compose(v -> tx.preparedQuery(MergeSql.SNAPSHOT).execute(Tuple.of(survivor, absorbed)))
        .map(rows -> rows.iterator().next().getJsonObject(0))
        .compose(snapshot -> all(tx, MergeSql.SUBTRACT, Tuple.of((Object) both))
            .compose(v -> tx.preparedQuery(MergeSql.CLEAR_ABSORBED).execute(Tuple.of(survivor, absorbed)))
            .compose(v -> tx.preparedQuery(MergeSql.FILL_SURVIVOR).execute(Tuple.of(survivor, absorbed, snapshot)))
            .compose(v -> all(tx, MergeSql.MOVE, Tuple.of(survivor, absorbed)))
            .compose(v -> all(tx, MergeSql.MERGE_CONFIRMATIONS, Tuple.of(survivor, absorbed)))
            .compose(v -> all(tx, MergeSql.ADD, Tuple.of((Object) both)))
            .compose(v -> tx.query("UPDATE gov.metric SET value = value - 1 WHERE name = 'persons_total'").execute())
            .compose(v -> tx.preparedQuery(MergeSql.INSERT_EVENT)
                .execute(Tuple.of(survivor, absorbed, snapshot, score, automatic, decidedBy)))
            .map(rows -> rows.iterator().next().getLong(0)));
  }

  /** Undoes merge event {@code eventId}: both records and everything that moved are as before it. */
  /** {@code region}: a supervisor's grid-code prefixes (the survivor must live there), null for anyone else. */
  public Future<Long> unmerge(long eventId, Long decidedBy, String[] region) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            SELECT survivor_id, absorbed_id, snapshot FROM gov.merge_event e
            WHERE id = $1 AND kind = 'merge' AND undone_by IS NULL AND ($2::text[] IS NULL OR EXISTS (
              SELECT 1 FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
              WHERE r.person_id = e.survivor_id AND r.until IS NULL AND h.grid_code LIKE ANY ($2)))
            FOR UPDATE""").execute(Tuple.of(eventId, (Object) region))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new DomainException(ProblemType.CONFLICT,
                Text.of("没有可撤销的合并 " + eventId + "（或不在管辖范围内）", "No merge " + eventId + " to undo (in your region)")));
          }
          var r = rows.iterator().next();
          return new Unmerge(tx, r.getLong(0), r.getLong(1), (JsonObject) r.getValue(2)).run()
              .compose(v -> tx.preparedQuery("""
                      INSERT INTO gov.merge_event (kind, survivor_id, absorbed_id, snapshot, automatic, decided_by)
                      VALUES ('unmerge', $1, $2, '{}', false, $3) RETURNING id""")
                  .execute(Tuple.of(r.getLong(0), r.getLong(1), decidedBy)))
              .compose(ins -> {
                long undo = ins.iterator().next().getLong(0);
                return tx.preparedQuery("UPDATE gov.merge_event SET undone_by = $2 WHERE id = $1")
                    .execute(Tuple.of(eventId, undo)).map(undo);
              });
        }));
  }

  private static Future<Void> live(SqlConnection tx, long person) {
    return tx.preparedQuery("SELECT merged_into FROM grid.person WHERE id = $1 FOR UPDATE").execute(Tuple.of(person))
        .compose(rows -> rows.size() == 1 && rows.iterator().next().getValue(0) == null ? Future.succeededFuture()
            : Future.failedFuture(new DomainException(ProblemType.CONFLICT,
                Text.of("人员 " + person + " 不存在或已被合并", "Person " + person + " does not exist or was merged"))));
  }

  static Future<Void> all(SqlConnection tx, String[] statements, Tuple params) {
    Future<Void> chain = Future.succeededFuture();
    for (String sql : statements) {
      chain = chain.compose(v -> tx.preparedQuery(sql).execute(params).mapEmpty());
    }
    return chain;
  }

  static JsonArray array(JsonObject snapshot, String key) {
    return snapshot.getJsonArray(key, new JsonArray());
  }
}
