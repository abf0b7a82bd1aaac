package cn.citygrid.backend.governance;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Governance read models over the pool. A DATA_STEWARD sees their own department's sources,
 * batches, issues and work orders only; supervisors and administrators see all.
 */
public final class GovernanceQueries {
  /** Fields whose values are names (masked unless disclosed). */
  static final Set<String> NAME_FIELDS = Set.of("name", "legal_rep_name");
  static final Text NO_SOURCE = Text.of("数据源不存在或不属于本部门", "No such source for your department");

  private final Pool pool;
  private final PersonPortraits persons;

  /** {@code persons}: logs the reads of persons that source rows show. */
  public GovernanceQueries(Pool pool, PersonPortraits persons) {
    this.pool = pool;
    this.persons = persons;
  }

  /** Null for everyone but stewards, whose department limits what they see. */
  static String department(Principal caller) {
    return caller.has(Role.ADMIN) || caller.has(Role.SUPERVISOR) ? null
        : caller.department() == null ? "\u0000none" : caller.department();
  }

  public Future<Void> requireSourceAccess(Principal caller, String source) {
    return pool.preparedQuery("SELECT 1 FROM gov.source WHERE name = $1 AND enabled AND ($2::text IS NULL OR department = $2)")
        .execute(Tuple.of(source, department(caller)))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture() : Future.failedFuture(DomainException.notFound(NO_SOURCE)));
  }

  public Future<JsonArray> sources() {
    return pool.query("""
        SELECT name, department, title, entity, cadence::text, mapping::text, trust::text, enabled FROM gov.source ORDER BY name""")
        .execute().map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("name", r.getString(0)).put("department", r.getString(1))
              .put("title", r.getString(2)).put("entity", r.getString(3)).put("cadence", r.getString(4))
              .put("mapping", new JsonObject(r.getString(5))).put("trust", new JsonObject(r.getString(6)))
              .put("enabled", r.getBoolean(7))));
          return out;
        });
  }

  public Future<JsonObject> batches(Principal caller, String source, Paging paging) {
    return page(paging, """
        SELECT b.id, b.source, s.department, b.file_name, b.format, b.file_sm3, b.status, b.rows_total, b.rows_applied,
          b.rows_rejected, b.issues, b.report::text AS report, b.received_at, b.applied_at, count(*) OVER () AS total
        FROM gov.batch b JOIN gov.source s ON s.name = b.source
        WHERE ($1::text IS NULL OR b.source = $1) AND ($2::text IS NULL OR s.department = $2)
        ORDER BY b.id DESC LIMIT $3 OFFSET $4""", Tuple.of(source, department(caller), paging.size(), paging.offset()),
        r -> new JsonObject().put("id", r.getLong("id")).put("source", r.getString("source"))
            .put("department", r.getString("department")).put("file", r.getString("file_name"))
            .put("format", r.getString("format")).put("fileSm3", r.getString("file_sm3")).put("status", r.getString("status"))
            .put("rowsTotal", r.getInteger("rows_total")).put("rowsApplied", r.getInteger("rows_applied"))
            .put("rowsRejected", r.getInteger("rows_rejected")).put("issues", r.getInteger("issues"))
            .put("report", new JsonObject(r.getString("report"))).put("receivedAt", r.getOffsetDateTime("received_at").toString())
            .put("appliedAt", r.getOffsetDateTime("applied_at") == null ? null : r.getOffsetDateTime("applied_at").toString()));
  }

  /**
   * A batch's rows as they came in — the trace from a golden value back to its source line — with
   * ID numbers and phones masked, names unless the caller's role and {@code purpose} disclose them;
   * each row that resolved to a person is a read of that person's data, logged before the answer.
   */
  public Future<JsonObject> rows(Principal caller, long batch, String status, Purpose purpose, Paging paging, String requestId) {
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    Map<Long, Set<Disclosure.Field>> read = new LinkedHashMap<>();
    return page(paging, """
        SELECT r.row_no, r.row_key, r.raw, r.status, r.person_id, s.mapping -> 'columns' AS columns, count(*) OVER () AS total
        FROM gov.row r JOIN gov.batch b ON b.id = r.batch_id JOIN gov.source s ON s.name = b.source
        WHERE r.batch_id = $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR s.department = $3)
        ORDER BY r.row_no LIMIT $4 OFFSET $5""", Tuple.of(batch, status, department(caller), paging.size(), paging.offset()),
        r -> {
          Long person = r.getLong("person_id");
          if (person != null) {
            read.put(person, names ? Set.of(Disclosure.Field.NAME) : Set.of());
          }
          JsonObject columns = r.getJsonObject("columns") == null ? new JsonObject() : r.getJsonObject("columns");
          return new JsonObject().put("rowNo", r.getInteger("row_no")).put("key", RowProcessor.shown("id_number", r.getString("row_key")))
              .put("raw", Masking.raw(r.getString("raw"), columns, names)).put("status", r.getString("status"))
              .put("personId", person);
        })
        .compose(page -> persons.logReads(caller, read, purpose, "source-row", requestId).map(page));
  }

  /** Which quality issues to list: each null for any. */
  public record IssueFilter(String source, String rule, String status, Long workOrder) {}

  /**
   * Quality issues of the caller's department (all for supervisors and administrators): values of
   * ID numbers and phones were masked when the issue was written; names are masked unless the
   * role and {@code purpose} disclose them. An issue about a person is a read of their data, logged.
   */
  public Future<JsonObject> issues(Principal caller, IssueFilter filter, Purpose purpose, Paging paging, String requestId) {
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    Map<Long, Set<Disclosure.Field>> read = new LinkedHashMap<>();
    return page(paging, """
        SELECT i.id, i.rule, i.source, i.batch_id, i.row_no, i.row_key, i.field, i.value, i.message, i.person_id, i.status,
          i.work_order_id, i.created_at, i.closed_at, count(*) OVER () AS total
        FROM gov.issue i JOIN gov.source s ON s.name = i.source
        WHERE ($1::text IS NULL OR i.source = $1) AND ($2::text IS NULL OR i.rule = $2) AND ($3::text IS NULL OR i.status = $3)
          AND ($4::bigint IS NULL OR i.work_order_id = $4) AND ($5::text IS NULL OR s.department = $5)
        ORDER BY i.id DESC LIMIT $6 OFFSET $7""",
        Tuple.of(filter.source(), filter.rule(), filter.status(), filter.workOrder(), department(caller), paging.size(),
            paging.offset()),
        r -> {
          Long person = r.getLong("person_id");
          String field = r.getString("field");
          boolean name = field != null && NAME_FIELDS.contains(field) && r.getString("value") != null;
          if (person != null) {
            read.merge(person, name && names ? Set.of(Disclosure.Field.NAME) : Set.of(),
                (a, b) -> a.isEmpty() ? b : a);
          }
          return new JsonObject().put("id", r.getLong("id")).put("rule", r.getString("rule")).put("source", r.getString("source"))
              .put("batchId", r.getLong("batch_id")).put("rowNo", r.getInteger("row_no"))
              .put("rowKey", RowProcessor.shown("id_number", r.getString("row_key"))).put("field", field)
              .put("value", name && !names ? Disclosure.maskName(r.getString("value")) : r.getString("value"))
              .put("message", r.getString("message")).put("personId", person)
              .put("status", r.getString("status")).put("workOrderId", r.getLong("work_order_id"))
              .put("createdAt", r.getOffsetDateTime("created_at").toString())
              .put("closedAt", r.getOffsetDateTime("closed_at") == null ? null : r.getOffsetDateTime("closed_at").toString());
        })
        .compose(page -> persons.logReads(caller, read, purpose, "quality-issue", requestId).map(page));
  }

  Future<JsonObject> page(Paging paging, String sql, Tuple params, java.util.function.Function<Row, JsonObject> item) {
    return pool.preparedQuery(sql).execute(params).map(rows -> paging.toJson(rows, item::apply));
  }
}
