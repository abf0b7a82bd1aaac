package cn.citygrid.backend.ledger;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.access.PersonRefs;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Purpose;
import cn.citygrid.sync.protocol.checkpoint.NoteKeys;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.receipt.Receipt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The log's API. Checkpoints, the log key, receipts and consistency proofs are public (they hold
 * hashes only; anyone may audit); audit bundles carry a record's content and follow its scope.
 */
public final class LedgerRoutes {
  static final Duration MAX_WAIT = Duration.ofSeconds(5);
  static final int MAX_BATCH = 500;

  private final LedgerService ledger;
  private final RecordIntake intake;
  private final AccessLog accessLog;
  private final Clock clock;

  public LedgerRoutes(LedgerService ledger, RecordIntake intake, AccessLog accessLog, Clock clock) {
    this.ledger = ledger;
    this.intake = intake;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  public List<ApiRoute> routes() {
    Access worker = Access.roles(Role.GRID_WORKER);
    return List.of(
        ApiRoute.get("/api/v1/ledger/checkpoint", Access.anyone(), this::checkpoint),
        ApiRoute.get("/api/v1/ledger/public-key", Access.anyone(), Reply.json(this::publicKey)),
        ApiRoute.get("/api/v1/ledger/consistency", Access.anyone(), Reply.json(this::consistency)),
        ApiRoute.get("/api/v1/ledger/records/{id}/receipt", Access.anyone(), Reply.json(this::receipt)),
        ApiRoute.get("/api/v1/ledger/records/{id}/bundle", Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER),
            Reply.json(this::bundle)),
        ApiRoute.post("/api/v1/ledger/records", worker, Reply.created(this::submitOne)),
        ApiRoute.post("/api/v1/ledger/batches", worker, Reply.json(this::submitBatch)));
  }

  /**
   * The audit bundle carries the signed original, unmasked (a masked copy would not verify): every
   * person its answers name is a read of their data, logged with the stated purpose before the answer.
   */
  private Future<JsonObject> bundle(RoutingContext ctx) {
    Principal caller = principal(ctx);
    Purpose purpose = Purpose.parse(ctx.queryParams().get("purpose"));
    return ledger.bundle(caller, ctx.pathParam("id")).map(b -> new JsonObject(b.toJson())).compose(json ->
        Future.all(PersonRefs.in(json).stream().map(id -> accessLog.record(AccessEntry.read(clock, caller, "person", id,
                purpose.code(), "audit-bundle", ORIGINAL, RequestLog.requestId(ctx)))).toList())
            .map(json));
  }

  /** The fields an original may hold in clear, as the access log names them. */
  private static final List<String> ORIGINAL = List.of("id_number", "name", "phone");

  private void checkpoint(RoutingContext ctx) {
    ledger.checkpoint(longParam(ctx, "size"))
        .onSuccess(c -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Cache-Control", "no-cache").end(c.note()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> publicKey(RoutingContext ctx) {
    var key = ledger.logKey();
    return Future.succeededFuture(new JsonObject()
        .put("keyName", key.keyName())
        .put("publicKey", key.key().toPem())
        .put("keyHash", String.format("%08x", NoteKeys.keyHash(key.keyName(), NoteKeys.NOTE_TYPE, key.key())))
        .put("keyId", key.key().keyId())
        .put("signature", "SM2 with SM3, user ID 1234567812345678, DER; see docs/ledger.md"));
  }

  private Future<JsonObject> consistency(RoutingContext ctx) {
    Long from = longParam(ctx, "from");
    Long to = longParam(ctx, "to");
    if (from == null || to == null) {
      throw DomainException.validation(List.of(new DomainException.FieldError(from == null ? "from" : "to", "required",
          Text.of("必填", "Required"))));
    }
    return ledger.consistency(from, to).map(proof -> new JsonObject().put("from", from).put("to", to)
        .put("proof", new JsonArray(proof.stream().map(Hex::encode).toList())));
  }

  private Future<JsonObject> receipt(RoutingContext ctx) {
    return ledger.receipt(ctx.pathParam("id"), longParam(ctx, "size")).map(LedgerRoutes::toJson);
  }

  /** One record: 201 when accepted or already there, otherwise the problem that says why not. */
  private Future<JsonObject> submitOne(RoutingContext ctx) {
    String envelope = ctx.body().asString();
    if (envelope == null || envelope.isBlank()) {
      throw new DomainException(ProblemType.RECORD_MALFORMED, Text.of("请求体应为签名记录", "The body must be a signed record"));
    }
    return intake.accept(principal(ctx), List.of(envelope)).compose(outcomes -> {
      RecordIntake.Outcome o = outcomes.get(0);
      if (o.status() == RecordIntake.Outcome.Status.rejected) {
        return Future.failedFuture(new DomainException(o.problem(), o.detail()));
      }
      return withReceipts(ctx, outcomes).map(results -> results.getJsonObject(0));
    });
  }

  private Future<JsonObject> submitBatch(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    List<JsonObject> records = body.requiredObjects("records", MAX_BATCH,
        Text.of("应为 1 到 " + MAX_BATCH + " 条签名记录", "1 to " + MAX_BATCH + " signed records"));
    body.validate();
    List<String> envelopes = records.stream().map(JsonObject::encode).toList();
    return intake.accept(principal(ctx), envelopes)
        .compose(outcomes -> withReceipts(ctx, outcomes))
        .map(results -> new JsonObject().put("results", results));
  }

  /** With {@code ?wait=true}, waits (up to 5 s) for the records' batch to be sealed and adds their receipts. */
  private Future<JsonArray> withReceipts(RoutingContext ctx, List<RecordIntake.Outcome> outcomes) {
    List<String> ids = outcomes.stream().filter(RecordIntake.Outcome::stored).map(RecordIntake.Outcome::recordId).toList();
    boolean wait = "true".equals(ctx.queryParams().get("wait"));
    Future<Map<String, Receipt>> receipts = wait ? ledger.receipts(ids, MAX_WAIT) : Future.succeededFuture(Map.of());
    return receipts.map(found -> new JsonArray(outcomes.stream().map(o -> outcomeJson(ctx, o, found.get(o.recordId()))).toList()));
  }

  private static JsonObject outcomeJson(RoutingContext ctx, RecordIntake.Outcome o, Receipt receipt) {
    JsonObject json = new JsonObject().put("recordId", o.recordId()).put("status", o.status().name());
    if (o.problem() != null) {
      java.util.Locale locale = cn.citygrid.backend.http.Locales.of(ctx);
      json.put("problem", new JsonObject().put("type", o.problem().uri()).put("title", o.problem().title().in(locale))
          .put("status", o.problem().status()).put("detail", o.detail().in(locale)));
    }
    if (receipt != null) {
      json.put("receipt", toJson(receipt));
    }
    return json;
  }

  static JsonObject toJson(Receipt receipt) {
    return new JsonObject(Json.write(receipt.toJsonMap()));
  }

  private static Long longParam(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw DomainException.validation(List.of(new DomainException.FieldError(name, "type",
          Text.of("应为整数", "Must be an integer"))));
    }
  }
}
