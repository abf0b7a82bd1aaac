package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Locales;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.ledger.LedgerRepository;
import cn.citygrid.backend.ledger.LedgerService;
import cn.citygrid.backend.ledger.RecordIntake;
import cn.citygrid.backend.ledger.RecordIntake.Outcome;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/sync/records} and {@code /sync/proposals} (sync-protocol.md §3, §6): per
 * record accepted, duplicate (these very bytes, stored before), rejected or retry; time flags;
 * receipts for those sealed within two seconds; the server's clock around the request.
 */
final class SyncRecords {
  static final int MAX_RECORDS = 100;
  static final int MAX_ENVELOPE = 256 * 1024;
  static final Duration RECEIPT_WAIT = Duration.ofSeconds(2);

  private final RecordIntake intake;
  private final SyncChecks checks;
  private final SyncDevices devices;
  private final Proposals proposals;
  private final LedgerService ledger;
  private final Projector projector;
  private final Pool pool;
  private final Clock clock;

  SyncRecords(RecordIntake intake, SyncChecks checks, SyncDevices devices, Proposals proposals, LedgerService ledger,
      Projector projector, Pool pool, Clock clock) {
    this.intake = intake;
    this.checks = checks;
    this.devices = devices;
    this.proposals = proposals;
    this.ledger = ledger;
    this.projector = projector;
    this.pool = pool;
    this.clock = clock;
  }

  /** The request as read: the device's clock and estimate, and each envelope's JSON (null when too large). */
  private record Upload(Instant deviceTime, Long offsetMs, List<String> envelopes) {}

  Future<JsonObject> upload(RoutingContext ctx, boolean proposalsOnly) {
    Instant received = clock.instant();
    Principal caller = principal(ctx);
    String deviceId = ctx.request().getHeader(SyncDevices.HEADER);
    return devices.require(caller, deviceId).compose(device -> {
      Upload upload = read(ctx, deviceId);
      List<String> fit = upload.envelopes().stream().filter(e -> e != null).toList();
      LedgerRepository.Arrival arrival = new LedgerRepository.Arrival(upload.deviceTime(), upload.offsetMs(),
          (capturedAt, receivedAt) -> TimeFlags.of(capturedAt, receivedAt, upload.deviceTime(), upload.offsetMs(),
              device.requestedAt()), caller.scope());
      return intake.accept(caller, fit, proposalsOnly ? checks.proposals(deviceId) : checks.records(deviceId), arrival)
          .map(outcomes -> withOversized(upload.envelopes(), outcomes))
          .compose(outcomes -> flags(outcomes, arrival).compose(flags -> {
            List<Outcome> stored = outcomes.stream().filter(Outcome::stored).toList();
            Future<Map<String, Proposals.Decision>> decided = proposalsOnly
                ? proposals.decide(caller, stored, flaggedIds(flags)) : Future.succeededFuture(Map.of());
            if (!proposalsOnly && stored.stream().anyMatch(o -> o.status() == Outcome.Status.accepted)) {
              projector.nudge();
            }
            return decided.compose(d -> ledger.receipts(stored.stream().map(Outcome::recordId).toList(), RECEIPT_WAIT)
                .map(receipts -> answer(ctx, received, outcomes, flags, d, receipts)));
          }));
    });
  }

  private Upload read(RoutingContext ctx, String deviceId) {
    JsonBody request = JsonBody.of(ctx);
    JsonObject body = request.json();
    if (!deviceId.equals(body.getValue("deviceId"))) {
      request.error("deviceId", "mismatch", Text.of("应与请求头 " + SyncDevices.HEADER + " 相同",
          "Must equal the " + SyncDevices.HEADER + " header"));
    }
    Instant deviceTime = null;
    if (body.getValue("deviceTime") != null) {
      try {
        deviceTime = Instant.parse(body.getString("deviceTime"));
      } catch (ClassCastException | DateTimeParseException e) {
        request.error("deviceTime", "type", Text.of("应为 UTC 时间", "Must be a UTC time"));
      }
    }
    Long offset = null;
    if (body.getValue("clock") instanceof JsonObject c && c.getValue("offsetMs") instanceof Number n) {
      offset = n.longValue();
    }
    // Each element is judged by the intake as one record (a non-object is rejected as malformed), not with the request.
    JsonArray list = request.requiredArray("records", MAX_RECORDS, Text.of("应为 1 到 " + MAX_RECORDS + " 条签名记录",
        "1 to " + MAX_RECORDS + " signed records"));
    request.validate();
    List<String> envelopes = new ArrayList<>();
    for (Object r : list) {
      String json = r instanceof JsonObject o ? o.encode() : String.valueOf(r);
      envelopes.add(json.getBytes(StandardCharsets.UTF_8).length > MAX_ENVELOPE ? null : json);
    }
    return new Upload(deviceTime, offset, envelopes);
  }

  /** Puts a rejection back in the place of every envelope that was too large to look at. */
  private static List<Outcome> withOversized(List<String> envelopes, List<Outcome> outcomes) {
    List<Outcome> out = new ArrayList<>();
    int next = 0;
    for (String e : envelopes) {
      out.add(e != null ? outcomes.get(next++) : Outcome.rejected(null, cn.citygrid.backend.http.ProblemType.RECORD_TOO_LARGE,
          Text.of("单条记录不能超过 256 KiB", "A record must not exceed 256 KiB")));
    }
    return out;
  }

  /**
   * Flags of new records were judged and kept as they were stored (the same judgement again here);
   * a duplicate shows the flags it got the first time.
   */
  private Future<Map<String, List<String>>> flags(List<Outcome> outcomes, LedgerRepository.Arrival arrival) {
    Map<String, List<String>> flags = new HashMap<>();
    outcomes.stream().filter(o -> o.status() == Outcome.Status.accepted).forEach(o ->
        flags.put(o.recordId(), arrival.flags().apply(o.envelope().capturedAt(), o.receivedAt())));
    List<String> dups = outcomes.stream().filter(o -> o.status() == Outcome.Status.duplicate).map(Outcome::recordId).toList();
    if (dups.isEmpty()) {
      return Future.succeededFuture(flags);
    }
    return pool.preparedQuery("SELECT id, time_flags FROM ledger.record WHERE id = ANY($1) AND time_flags IS NOT NULL")
        .execute(Tuple.of(dups.toArray(String[]::new)))
        .map(rows -> {
          rows.forEach(r -> flags.put(r.getString(0), List.of(r.getArrayOfStrings(1))));
          return flags;
        });
  }

  private static Set<String> flaggedIds(Map<String, List<String>> flags) {
    Set<String> out = new HashSet<>();
    flags.forEach((id, f) -> {
      if (!f.isEmpty()) {
        out.add(id);
      }
    });
    return out;
  }

  private JsonObject answer(RoutingContext ctx, Instant received, List<Outcome> outcomes, Map<String, List<String>> flags,
      Map<String, Proposals.Decision> decisions, Map<String, Receipt> receipts) {
    Locale locale = Locales.of(ctx);
    JsonArray results = new JsonArray();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      JsonObject r = new JsonObject().put("index", i).put("recordId", o.recordId()).put("status", o.status().name());
      if (o.stored()) {
        Receipt receipt = receipts.get(o.recordId());
        r.put("receivedAt", Timestamps.format(o.receivedAt()))
            .put("receipt", receipt == null ? null : new JsonObject(Json.write(receipt.toJsonMap())))
            .put("receiptUrl", "/api/v1/ledger/records/" + o.recordId() + "/receipt")
            .put("flags", new JsonArray(flags.getOrDefault(o.recordId(), List.of())));
        Proposals.Decision d = decisions.get(o.recordId());
        if (d != null) {
          r.put("outcome", d.outcome()).put("reason", d.reason());
        }
      } else {
        JsonObject problem = new JsonObject().put("type", o.problem().uri()).put("title", o.problem().title().in(locale))
            .put("status", o.problem().status()).put("detail", o.detail().in(locale));
        o.extra().forEach(e -> problem.put(e.getKey(), e.getValue()));
        r.put("problem", problem);
        if (o.status() == Outcome.Status.retry) {
          r.put("retryAfterSeconds", 30);
        }
      }
      results.add(r);
    }
    return new JsonObject().put("serverClock", new JsonObject().put("received", Timestamps.format(received))
        .put("sent", Timestamps.format(clock.instant()))).put("results", results);
  }

  static String rid(RoutingContext ctx) {
    return RequestLog.requestId(ctx);
  }
}
