package cn.citygrid.backend.sync;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.ledger.RecordIntake.Outcome;
import cn.citygrid.backend.portrait.Disclosure;
import cn.citygrid.backend.portrait.Purpose;
import cn.citygrid.backend.standard.Phones;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Edits to shared entities proposed from the field (sync-protocol.md §6). Each proposal is a signed
 * record of the reserved form {@code citygrid.proposal}; the server decides it at once by the
 * field's declared rule — latest signed capture wins beyond a tolerance, otherwise a supervisor
 * reviews — and applies it in the same transaction that stores the outcome.
 */
public final class Proposals {
  static final String FORM_ID = "citygrid.proposal";
  static final String FORM_VERSION = "1";

  /** A field's rule: {@code tolerance} null means every proposal is reviewed. */
  record Rule(String entity, String field, Duration tolerance) {}

  static final Map<String, Rule> RULES = Map.of(
      "resident.phone", new Rule("resident", "phone", Duration.ofMinutes(10)),
      "house.usage", new Rule("house", "usage", Duration.ofHours(1)),
      "house.areaM2", new Rule("house", "areaM2", null),
      "resident.name", new Rule("resident", "name", null));

  private static final Set<String> MEMBERS = Set.of("entity", "id", "field", "value", "base", "clientId");

  /** What became of a proposal. */
  public record Decision(String recordId, String outcome, String reason) {}

  private final Pool pool;
  private final DataKeysConfig keys;
  private final WorkerExecutor workers;
  private final AccessLog accessLog;
  private final Clock clock;

  /** {@code accessLog}: the review queue shows residents' data, each a logged read. */
  public Proposals(Pool pool, DataKeysConfig keys, WorkerExecutor workers, AccessLog accessLog, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.workers = workers;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  /** A proposed phone number sealed, indexed and masked on a worker; null for other fields or no valid number. */
  private Future<SealedValue> sealed(Rule rule, String value) {
    if (!rule.field().equals("phone") || value == null || !Phones.isMobile(value)) {
      return Future.succeededFuture(null);
    }
    return workers.executeBlocking(() -> SealedValue.phone(keys, value), false);
  }

  /** The reserved form and a payload naming a field with a rule; the value is judged when deciding. */
  static Outcome wellFormed(RecordEnvelope e, Optional<FormDefinition> ignored) {
    Map<String, Object> p = e.payload();
    String problem = null;
    if (!FORM_ID.equals(e.form().id()) || !FORM_VERSION.equals(e.form().version())) {
      problem = "表单应为 " + FORM_ID + " 版本 " + FORM_VERSION;
    } else if (!MEMBERS.containsAll(p.keySet())) {
      problem = "只允许成员 " + MEMBERS;
    } else if (!(p.get("entity") instanceof String entity) || !(p.get("field") instanceof String field)
        || !RULES.containsKey(entity + "." + field)) {
      problem = "可修改的字段为 " + RULES.keySet();
    } else if (!(p.get("id") instanceof String id) || !id.matches("[0-9]{1,18}")) {
      problem = "id 应为实体编号";
    } else if (p.get("value") != null && !(p.get("value") instanceof String)) {
      problem = "value 应为字符串";
    }
    return problem == null ? null : Outcome.rejected(e.recordId(), ProblemType.RECORD_INVALID,
        Text.of("修改建议格式不对：" + problem, "Malformed proposal: " + problem + " (see docs/sync-protocol.md §6)"));
  }

  /**
   * Decides and applies the stored proposals, each in its own transaction holding a lock on its
   * record id: a proposal decided before (a duplicate, or a concurrent copy) keeps that decision; one
   * stored but never decided (the server stopped in between) is decided now. {@code flagged}:
   * record ids carrying a time flag (they go to review).
   */
  public Future<Map<String, Decision>> decide(Principal caller, List<Outcome> stored, Set<String> flagged) {
    List<Future<Decision>> all = new ArrayList<>();
    for (Outcome o : stored) {
      all.add(pool.withTransaction(c -> c.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(o.recordId()))
          .compose(locked -> c.preparedQuery("SELECT outcome, nullif(reason, '') FROM sync.proposal WHERE record_id = $1")
              .execute(Tuple.of(o.recordId())))
          .compose(rows -> rows.size() > 0
              ? Future.succeededFuture(new Decision(o.recordId(), rows.iterator().next().getString(0), rows.iterator().next().getString(1)))
              : decideOne(c, caller, o.envelope(), flagged.contains(o.recordId())))));
    }
    return Future.all(all).map(done -> {
      Map<String, Decision> out = new java.util.HashMap<>();
      all.forEach(f -> out.put(f.result().recordId(), f.result()));
      return out;
    });
  }

  private Future<Decision> decideOne(SqlConnection c, Principal caller, RecordEnvelope e, boolean flagged) {
    Map<String, Object> p = e.payload();
    String entity = (String) p.get("entity");
    String field = (String) p.get("field");
    long id = Long.parseLong((String) p.get("id"));
    String value = (String) p.get("value");
    Rule rule = RULES.get(entity + "." + field);
    String invalid = invalidValue(rule, value);
    return sealed(rule, value).compose(phone -> current(c, rule, id, scopeOf(caller)).compose(now -> {
      String outcome;
      String reason = null;
      if (now == null) {
        outcome = "rejected";
        reason = "对象不存在或不在您的网格内 / unknown or outside your grids";
      } else if (invalid != null) {
        outcome = "rejected";
        reason = invalid;
      } else {
        outcome = judge(rule, e.capturedAt(), value, now, flagged);
        reason = switch (outcome) {
          case "review" -> flagged ? "记录时间可疑，需人工审核 / time flagged, needs review" : "需人工审核 / needs review";
          case "superseded" -> "已有更晚采集的值 / a later capture is in place";
          default -> null;
        };
      }
      Future<Void> applied = "applied".equals(outcome) && !same(rule, value, phone, now)
          ? apply(c, rule, id, value, phone, e.recordId(), e.capturedAt()) : Future.succeededFuture();
      String finalOutcome = outcome;
      String finalReason = reason == null ? "" : reason;
      return applied.compose(v -> c.preparedQuery("""
              INSERT INTO sync.proposal (record_id, account_id, entity, entity_id, field, value, base, captured_at,
                                         flagged, outcome, reason, phone_enc, phone_bidx, phone_mask)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
          .execute(Tuple.from(new Object[] {e.recordId(), caller.accountId(), entity, String.valueOf(id), field,
              rule.field().equals("phone") || value == null ? "" : value, base(rule, p.get("base")),
              e.capturedAt().atOffset(ZoneOffset.UTC), flagged, finalOutcome, finalReason,
              phone == null ? null : phone.enc(), phone == null ? null : phone.bidx(), phone == null ? null : phone.mask()}))
          .map(new Decision(e.recordId(), finalOutcome, finalReason.isEmpty() ? null : finalReason)));
    }));
  }

  /** What the worker saw, for the reviewer; a phone number only as its mask. */
  private static String base(Rule rule, Object base) {
    String text = java.util.Objects.toString(base, "");
    return rule.field().equals("phone") && Phones.isMobile(text) ? Phones.mask(text) : text;
  }

  /** The field's value now and when the value in place was captured (null: unknown entity or out of scope). */
  record Current(String value, String phoneBidx, Instant capturedAt) {}

  /**
   * The entity's row is locked first, and read by a second statement: in READ COMMITTED that one sees
   * whatever a concurrent decision on the same entity committed while we waited for the lock
   * (its value and its capture time), which a locking read's own snapshot would not.
   */
  private Future<Current> current(SqlConnection c, Rule rule, long id, String[] prefixes) {
    String lock = rule.entity().equals("house") ? "SELECT 1 FROM grid.house WHERE id = $1 FOR UPDATE"
        : "SELECT 1 FROM grid.person WHERE id = $1 FOR UPDATE";
    return c.preparedQuery(lock).execute(Tuple.of(id)).compose(locked -> read(c, rule, id, prefixes));
  }

  private Future<Current> read(SqlConnection c, Rule rule, long id, String[] prefixes) {
    String sql = rule.entity().equals("house") ? """
        SELECT h.usage AS usage, h.area_m2::text AS area, NULL::text AS name, NULL::text AS phone_bidx, NULL::text AS phone_mask,
               (SELECT fc.captured_at FROM sync.field_capture fc WHERE fc.entity = 'house' AND fc.entity_id = h.id::text
                AND fc.field = $3) AS captured_at
        FROM grid.house h WHERE h.id = $1 AND ($2::text[] IS NULL OR h.grid_code LIKE ANY ($2)) FOR UPDATE"""
        : """
        SELECT NULL::text AS usage, NULL::text AS area, p.name, p.phone_bidx, p.phone_mask,
               coalesce((SELECT fc.captured_at FROM sync.field_capture fc WHERE fc.entity = 'resident'
                         AND fc.entity_id = p.id::text AND fc.field = $3),
                        (p.provenance -> (CASE $3 WHEN 'phone' THEN 'phone' ELSE 'name' END) ->> 'at')::timestamptz) AS captured_at
        FROM grid.person p WHERE p.id = $1 AND p.merged_into IS NULL AND ($2::text[] IS NULL OR EXISTS (
          SELECT 1 FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
          WHERE r.person_id = p.id AND r.until IS NULL AND h.grid_code LIKE ANY ($2))) FOR UPDATE OF p""";
    return c.preparedQuery(sql).execute(Tuple.of(id, prefixes, rule.field())).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      String value = switch (rule.entity() + "." + rule.field()) {
        case "house.usage" -> r.getString("usage");
        case "house.areaM2" -> r.getString("area");
        case "resident.name" -> r.getString("name");
        default -> r.getString("phone_mask");
      };
      var at = r.getOffsetDateTime("captured_at");
      return new Current(value, r.getString("phone_bidx"), at == null ? null : at.toInstant());
    });
  }

  /** The rule's verdict; equal values are applied (nothing changes). */
  static String judge(Rule rule, Instant proposedAt, String value, Current now, boolean flagged) {
    if (flagged || rule.tolerance() == null) {
      return "review";
    }
    if (now.capturedAt() == null || proposedAt.isAfter(now.capturedAt().plus(rule.tolerance()))) {
      return "applied";
    }
    if (proposedAt.isBefore(now.capturedAt().minus(rule.tolerance()))) {
      return "superseded";
    }
    return java.util.Objects.equals(value, now.value()) ? "applied" : "review";
  }

  private static boolean same(Rule rule, String value, SealedValue phone, Current now) {
    if (rule.field().equals("phone")) {
      return phone != null && phone.bidx().equals(now.phoneBidx());
    }
    return java.util.Objects.equals(value, now.value());
  }

  static String invalidValue(Rule rule, String value) {
    return switch (rule.entity() + "." + rule.field()) {
      case "resident.phone" -> value == null || Phones.isMobile(value) ? null : "手机号码格式不对 / not a mobile number";
      case "house.usage" -> Set.of("residential", "commercial", "mixed").contains(value) ? null
          : "用途应为 residential、commercial、mixed / usage must be residential, commercial or mixed";
      case "house.areaM2" -> value != null && value.matches("[0-9]{1,5}(\\.[0-9]{1,2})?") && Double.parseDouble(value) > 0 ? null
          : "面积应为正数，最多两位小数 / area must be a positive number";
      default -> value != null && !value.isBlank() && value.length() <= 50 ? null : "姓名应为 1 到 50 个字符 / 1 to 50 characters";
    };
  }

  /** Writes the value and remembers when it was captured. */
  private static Future<Void> apply(SqlConnection c, Rule rule, long id, String value, SealedValue phone, String recordId,
      Instant capturedAt) {
    Future<?> write = switch (rule.entity() + "." + rule.field()) {
      case "house.usage" -> c.preparedQuery("UPDATE grid.house SET usage = $2 WHERE id = $1").execute(Tuple.of(id, value));
      case "house.areaM2" -> c.preparedQuery("UPDATE grid.house SET area_m2 = $2 WHERE id = $1").execute(Tuple.of(id, new java.math.BigDecimal(value)));
      case "resident.name" -> c.preparedQuery("""
              UPDATE grid.person SET name = $2, updated_at = now(),
                provenance = jsonb_set(provenance, '{name}', jsonb_build_object('s', 'field_visit', 'rec', $3::text, 't', 95,
                  'at', $4::timestamptz, 'v', true)) WHERE id = $1""")
          .execute(Tuple.of(id, value, recordId, capturedAt.atOffset(ZoneOffset.UTC)));
      default -> c.preparedQuery("""
              UPDATE grid.person SET phone_enc = $2, phone_bidx = $3, phone_mask = $4, updated_at = now(),
                provenance = jsonb_set(provenance, '{phone}', jsonb_build_object('s', 'field_visit', 'rec', $5::text, 't', 95,
                  'at', $6::timestamptz, 'v', true)) WHERE id = $1""")
          .execute(Tuple.from(new Object[] {id, phone == null ? null : phone.enc(), phone == null ? null : phone.bidx(),
              phone == null ? null : phone.mask(), recordId, capturedAt.atOffset(ZoneOffset.UTC)}));
    };
    return write.compose(done -> c.preparedQuery("""
            INSERT INTO sync.field_capture (entity, entity_id, field, captured_at, record_id) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (entity, entity_id, field) DO UPDATE SET captured_at = excluded.captured_at, record_id = excluded.record_id""")
        .execute(Tuple.of(rule.entity(), String.valueOf(id), rule.field(), capturedAt.atOffset(ZoneOffset.UTC), recordId)))
        .mapEmpty();
  }

  /** The feed's / phone's view of a proposal; only the proposer may see it. */
  public Future<JsonObject> view(Principal caller, String recordId) {
    return pool.preparedQuery(ChangeSql.PROPOSAL + " AND p.record_id = $2").execute(Tuple.of(caller.accountId(), recordId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(Text.of("没有这条修改建议", "No such proposal of yours"));
          }
          return new JsonObject(rows.iterator().next().getString("data"));
        });
  }

  /**
   * Supervisors' review queue: proposals waiting for a decision in their grids. A proposed phone is
   * masked; a proposed name (and the name it would replace) is masked unless the caller's role and
   * {@code purpose} disclose names. Every resident the page shows is a logged read of their data.
   */
  public Future<JsonObject> reviewQueue(Principal caller, Purpose purpose, Paging paging, String requestId) {
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    List<AccessEntry> reads = new ArrayList<>();
    return pool.preparedQuery("""
            SELECT json_build_object('recordId', p.record_id, 'entity', p.entity, 'id', p.entity_id, 'field', p.field,
              'value', CASE WHEN p.field = 'phone' THEN p.phone_mask ELSE p.value END, 'base', p.base,
              'capturedAt', p.captured_at, 'flagged', p.flagged, 'reason', p.reason, 'proposedBy', a.display_name)::text AS j,
              count(*) OVER () AS total
            FROM sync.proposal p JOIN auth.account a ON a.id = p.account_id
            WHERE p.outcome = 'review' AND ($1::text[] IS NULL OR EXISTS (
              SELECT 1 FROM grid.house h WHERE h.grid_code LIKE ANY ($1) AND (
                (p.entity = 'house' AND h.id = p.entity_id::bigint) OR (p.entity = 'resident' AND EXISTS (
                  SELECT 1 FROM grid.residence r WHERE r.house_id = h.id AND r.person_id = p.entity_id::bigint AND r.until IS NULL)))))
            ORDER BY p.captured_at LIMIT $2 OFFSET $3""")
        .execute(Tuple.of(scopeOf(caller), paging.size(), paging.offset()))
        .map(rows -> paging.toJson(rows, r -> {
          JsonObject proposal = new JsonObject(r.getString("j"));
          if ("resident".equals(proposal.getString("entity"))) {
            boolean name = "name".equals(proposal.getString("field"));
            if (name && !names) {
              proposal.put("value", Disclosure.maskName(proposal.getString("value")))
                  .put("base", Disclosure.maskName(proposal.getString("base")));
            }
            reads.add(AccessEntry.read(clock, caller, "person", Long.parseLong(proposal.getString("id")), purpose.code(),
                "proposal-review", name && names ? List.of("name") : List.of(), requestId));
          }
          return proposal;
        }))
        .compose(page -> Future.all(reads.stream().map(accessLog::record).toList()).map(page));
  }

  /** A supervisor's verdict on a proposal under review: applied as proposed, or rejected with a reason. */
  public Future<Decision> resolve(Principal supervisor, String recordId, boolean accept, String reason) {
    return pool.withTransaction(c -> c.preparedQuery("""
            SELECT entity, entity_id, field, nullif(value, '') AS value, captured_at, phone_enc, phone_bidx, phone_mask
            FROM sync.proposal
            WHERE record_id = $1 AND outcome = 'review' FOR UPDATE""").execute(Tuple.of(recordId))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(Text.of("没有待审核的这条修改建议", "No such proposal awaiting review"));
          }
          Row p = rows.iterator().next();
          Rule rule = RULES.get(p.getString("entity") + "." + p.getString("field"));
          long id = Long.parseLong(p.getString("entity_id"));
          String value = p.getString("value");
          SealedValue phone = p.getBuffer("phone_enc") == null ? null
              : new SealedValue(p.getBuffer("phone_enc"), p.getString("phone_bidx"), p.getString("phone_mask"));
          return current(c, rule, id, scopeOf(supervisor)).compose(now -> {
            if (now == null) {
              throw DomainException.notFound(Text.of("对象不存在或不在您的管辖范围内", "The entity is unknown or outside your scope"));
            }
            Instant proposedAt = p.getOffsetDateTime("captured_at").toInstant();
            // A value captured after this proposal went in meanwhile: accepting the older one would undo it.
            boolean overtaken = accept && now.capturedAt() != null && now.capturedAt().isAfter(proposedAt);
            Future<Void> applied = accept && !overtaken ? apply(c, rule, id, value, phone, recordId, proposedAt)
                : Future.succeededFuture();
            String outcome = overtaken ? "superseded" : accept ? "applied" : "rejected";
            String why = overtaken ? "审核期间已有更晚采集的值 / a later capture arrived during review"
                : accept ? "审核通过 / accepted on review" : (reason == null ? "审核未通过 / rejected on review" : reason);
            return applied.compose(v -> c.preparedQuery("""
                    UPDATE sync.proposal SET outcome = $2, reason = $3, decided_at = now(), decided_by = $4 WHERE record_id = $1""")
                .execute(Tuple.of(recordId, outcome, why, supervisor.accountId())))
                .map(new Decision(recordId, outcome, why));
          });
        }));
  }

  /** Grid-code prefixes with '%', or null for the whole city (admins). */
  static String[] scopeOf(Principal caller) {
    if (caller.has(cn.citygrid.backend.auth.Role.ADMIN)) {
      return null;
    }
    return caller.scope().stream().map(s -> s + "%").toArray(String[]::new);
  }
}
