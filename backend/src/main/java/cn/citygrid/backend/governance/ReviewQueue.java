package cn.citygrid.backend.governance;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Disclosure;
import cn.citygrid.backend.portrait.PersonPortraits;
import cn.citygrid.backend.portrait.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Uncertain matches side by side (the new record from a row without a usable ID number, and the
 * existing record it may be). Merging keeps the existing record; "distinct" leaves both. Names are
 * shown as the reviewer's role and purpose allow (no purpose stated is browsing: names masked, as
 * for portraits), and each side shown is a logged read.
 */
public final class ReviewQueue {
  /** A supervisor's reviews ($4 grid-code prefixes, null = everywhere): either side lives in their region. */
  static final String IN_REGION = """
      ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
        WHERE r.person_id IN (v.person_id, v.candidate_id) AND r.until IS NULL AND h.grid_code LIKE ANY ($4)))""";

  static final String OPEN = """
      SELECT v.id, v.score, v.reasons::text AS reasons, v.batch_id, v.row_no, b.source,
        n.id AS new_id, n.name AS new_name, n.birth_date AS new_birth, n.id_number_mask AS new_id_mask, n.phone_mask AS new_phone,
        c.id AS old_id, c.name AS old_name, c.birth_date AS old_birth, c.id_number_mask AS old_id_mask, c.phone_mask AS old_phone,
        count(*) OVER () AS total
      FROM gov.match_review v JOIN gov.batch b ON b.id = v.batch_id JOIN gov.source s ON s.name = b.source
        JOIN grid.person n ON n.id = v.person_id JOIN grid.person c ON c.id = v.candidate_id
      WHERE v.status = 'open' AND ($1::text IS NULL OR s.department = $1) AND """ + IN_REGION + """
      ORDER BY v.score DESC, v.id LIMIT $2 OFFSET $3""";

  private final Pool pool;
  private final MergeService merges;
  private final PersonPortraits persons;

  public ReviewQueue(Pool pool, MergeService merges, PersonPortraits persons) {
    this.pool = pool;
    this.merges = merges;
    this.persons = persons;
  }

  public Future<JsonObject> open(Principal caller, Paging paging, String purposeRaw, String rid) {
    Purpose purpose = Purpose.parse(purposeRaw);
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    return pool.preparedQuery(OPEN)
        .execute(Tuple.of(GovernanceQueries.department(caller), paging.size(), paging.offset(), region(caller)))
        .compose(rows -> {
          List<JsonObject> items = new ArrayList<>();
          List<Future<Void>> reads = new ArrayList<>();
          long total = 0;
          for (Row r : rows) {
            total = r.getLong("total");
            items.add(item(r, names));
            reads.add(persons.logRead(caller, r.getLong("new_id"), purpose, "match-review", rid));
            reads.add(persons.logRead(caller, r.getLong("old_id"), purpose, "match-review", rid));
          }
          long count = total;
          return Future.all(reads).map(v -> paging.toJson(count, new JsonArray(items)));
        });
  }

  /** A supervisor's region as grid-code prefixes; null for administrators and stewards (their department limits them). */
  static String[] region(Principal caller) {
    return caller.has(Role.SUPERVISOR) && !caller.has(Role.ADMIN)
        ? caller.scope().stream().map(p -> p + "%").toArray(String[]::new) : null;
  }

  private static JsonObject item(Row r, boolean names) {
    JsonObject reasons = new JsonObject(r.getString("reasons"));
    if (!names && reasons.getString("name") != null) {
      reasons.put("name", Disclosure.maskName(reasons.getString("name")));
    }
    return new JsonObject().put("id", r.getLong("id")).put("score", r.getBigDecimal("score").doubleValue())
        .put("reasons", reasons).put("source", r.getString("source"))
        .put("batchId", r.getLong("batch_id")).put("rowNo", r.getInteger("row_no"))
        .put("newRecord", side(r, "new", names)).put("candidate", side(r, "old", names));
  }

  private static JsonObject side(Row r, String p, boolean names) {
    String name = r.getString(p + "_name");
    return new JsonObject().put("personId", r.getLong(p + "_id")).put("name", names ? name : Disclosure.maskName(name))
        .put("birthDate", r.getLocalDate(p + "_birth") == null ? null : r.getLocalDate(p + "_birth").toString())
        .put("idNumber", r.getString(p + "_id_mask")).put("phone", r.getString(p + "_phone"));
  }

  /** Merge: the existing record absorbs the new one. Distinct: both stay. Either way the review closes. */
  public Future<JsonObject> decide(Principal caller, long reviewId, boolean merge) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE gov.match_review v SET status = $2, decided_by = $3, decided_at = now()
            WHERE id = $1 AND status = 'open' AND EXISTS (SELECT 1 FROM gov.batch b JOIN gov.source s ON s.name = b.source
              WHERE b.id = v.batch_id AND ($5::text IS NULL OR s.department = $5)) AND """ + IN_REGION + """
            RETURNING person_id, candidate_id, score""")
        .execute(Tuple.of(reviewId, merge ? "merged" : "distinct", caller.accountId(), region(caller),
            GovernanceQueries.department(caller)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new DomainException(ProblemType.CONFLICT,
                Text.of("该比对已处理、不存在或不在管辖范围内", "The review is decided already, does not exist or is not yours to decide")));
          }
          Row r = rows.iterator().next();
          return !merge ? Future.succeededFuture(new JsonObject().put("decision", "distinct"))
              : merges.merge(tx, r.getLong("candidate_id"), r.getLong("person_id"), r.getBigDecimal("score"), false, caller.accountId())
                  .map(event -> new JsonObject().put("decision", "merge").put("mergeEvent", event)
                      .put("survivor", r.getLong("candidate_id")).put("absorbed", r.getLong("person_id")));
        }));
  }
}
