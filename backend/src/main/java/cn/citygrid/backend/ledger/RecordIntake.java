package cn.citygrid.backend.ledger;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.device.Device;
import cn.citygrid.backend.device.DeviceDirectory;
import cn.citygrid.backend.device.DeviceDirectory.KnownDevice;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.record.EnvelopeException;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepts signed records into the log: each envelope must parse, be signed by an approved device
 * of the caller with its record id matching its payload; accepted ones are stored with their leaf
 * hash and wait for the appender to seal them. Outcomes are per record, as data: a batch with one
 * bad record still accepts the others. The same record sent again is a duplicate, never a second entry.
 */
public final class RecordIntake {
  private final DeviceDirectory devices;
  private final LedgerRepository ledger;
  private final LedgerAppender appender;
  private final WorkerExecutor crypto;
  private final Clock clock;

  public RecordIntake(DeviceDirectory devices, LedgerRepository ledger, LedgerAppender appender,
      WorkerExecutor crypto, Clock clock) {
    this.devices = devices;
    this.ledger = ledger;
    this.appender = appender;
    this.crypto = crypto;
    this.clock = clock;
  }

  /**
   * One record's fate. {@code problem} is set when rejected or to be retried; {@code receivedAt} is
   * the stored receipt time for accepted and duplicate records (a duplicate's is the first one's).
   */
  public record Outcome(String recordId, Status status, Instant receivedAt, ProblemType problem, Text detail,
      JsonObject extra, RecordEnvelope envelope) {
    public enum Status { accepted, duplicate, rejected, retry }

    public static Outcome rejected(String recordId, ProblemType problem, Text detail) {
      return new Outcome(recordId, Status.rejected, null, problem, detail, new JsonObject(), null);
    }

    /** Not stored now; the same bytes may be sent again later. */
    public static Outcome retry(String recordId, ProblemType problem, Text detail, JsonObject extra) {
      return new Outcome(recordId, Status.retry, null, problem, detail, extra, null);
    }

    Outcome as(Status status, Instant receivedAt) {
      return new Outcome(recordId, status, receivedAt, problem, detail, extra, envelope);
    }

    public boolean stored() {
      return status == Status.accepted || status == Status.duplicate;
    }
  }

  /**
   * Further checks of verified envelopes (a form, attachments, the request's device): one entry per
   * envelope, in order, null when it passes, otherwise the rejected or retry outcome.
   */
  @FunctionalInterface
  public interface Checks {
    Checks NONE = (caller, envelopes) -> Future.succeededFuture(java.util.Collections.nCopies(envelopes.size(), null));

    Future<List<Outcome>> check(Principal caller, List<RecordEnvelope> envelopes);
  }

  public Future<List<Outcome>> accept(Principal caller, List<String> envelopes) {
    return accept(caller, envelopes, Checks.NONE);
  }

  public Future<List<Outcome>> accept(Principal caller, List<String> envelopes, Checks checks) {
    return accept(caller, envelopes, checks, null);
  }

  /** The same, noting {@code arrival} beside each new record in the statement that stores it (none when null). */
  public Future<List<Outcome>> accept(Principal caller, List<String> envelopes, Checks checks,
      LedgerRepository.Arrival arrival) {
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Parsing and verifying are CPU work: both run on the crypto workers, the key lookup in between.
    return crypto.executeBlocking(() -> envelopes.stream().map(RecordIntake::parse).toList(), false)
        .compose(parsed -> devices.byKeyIds(keyIdsOf(parsed))
            .compose(known -> crypto.executeBlocking(() -> judge(caller, parsed, known), false)))
        .compose(outcomes -> furtherChecks(caller, outcomes, checks))
        .compose(outcomes -> store(caller, outcomes, receivedAt, arrival));
  }

  /** Runs {@code checks} on the envelopes that passed so far and merges their verdicts in. */
  private static Future<List<Outcome>> furtherChecks(Principal caller, List<Outcome> outcomes, Checks checks) {
    List<Outcome> passed = outcomes.stream().filter(o -> o.status() == Outcome.Status.accepted).toList();
    if (passed.isEmpty()) {
      return Future.succeededFuture(outcomes);
    }
    return checks.check(caller, passed.stream().map(Outcome::envelope).toList()).map(verdicts -> {
      Map<Outcome, Outcome> replaced = new java.util.IdentityHashMap<>();
      for (int i = 0; i < passed.size(); i++) {
        if (verdicts.get(i) != null) {
          replaced.put(passed.get(i), verdicts.get(i));
        }
      }
      return outcomes.stream().map(o -> replaced.getOrDefault(o, o)).toList();
    });
  }

  private static Set<String> keyIdsOf(List<Parsed> parsed) {
    Set<String> keyIds = new LinkedHashSet<>();
    parsed.stream().filter(p -> p.envelope() != null).forEach(p -> keyIds.add(p.envelope().keyId()));
    return keyIds;
  }

  private record Parsed(RecordEnvelope envelope, Outcome failure) {}

  private static Parsed parse(String json) {
    try {
      return new Parsed(RecordEnvelope.parse(json), null);
    } catch (EnvelopeException | IllegalArgumentException e) {
      return new Parsed(null, Outcome.rejected(null, ProblemType.RECORD_MALFORMED,
          Text.of("记录不合法：" + e.getMessage(), "Malformed record: " + e.getMessage())));
    }
  }

  /** Worker thread: device checks, record id and SM2 signature. */
  private List<Outcome> judge(Principal caller, List<Parsed> parsed, Map<String, KnownDevice> known) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Parsed p : parsed) {
      Outcome failure = p.failure() != null ? p.failure()
          : check(caller, p.envelope(), known.get(p.envelope().keyId()), clock.instant());
      outcomes.add(failure != null ? failure : new Outcome(p.envelope().recordId(), Outcome.Status.accepted, null, null,
          null, new JsonObject(), p.envelope()));
    }
    return outcomes;
  }

  private static Outcome check(Principal caller, RecordEnvelope e, KnownDevice device, Instant now) {
    String id = e.recordId();
    if (device == null) {
      return Outcome.rejected(id, ProblemType.DEVICE_KEY_UNKNOWN, Text.of("密钥 " + e.keyId() + " 未登记", "Key " + e.keyId() + " is not enrolled"));
    }
    if (device.status() == Device.Status.pending) {
      return Outcome.rejected(id, ProblemType.DEVICE_NOT_APPROVED, Text.of("设备 " + device.id() + " 等待审批", "Device " + device.id() + " awaits approval"));
    }
    if (device.status() == Device.Status.rejected) {
      return Outcome.rejected(id, ProblemType.DEVICE_REJECTED, Text.of("设备 " + device.id() + " 的登记被拒绝", "Device " + device.id() + " was rejected"));
    }
    if (device.status() == Device.Status.revoked && !now.isBefore(device.revokedAt())) {
      return Outcome.rejected(id, ProblemType.DEVICE_REVOKED, Text.of("设备 " + device.id() + " 已于 " + device.revokedAt() + " 吊销",
          "Device " + device.id() + " was revoked at " + device.revokedAt()));
    }
    if (device.accountId() != caller.accountId() || !device.id().equals(e.deviceId())) {
      return Outcome.rejected(id, ProblemType.DEVICE_NOT_YOURS, Text.of("设备与提交者或记录不符", "The device does not match the caller or the record"));
    }
    try {
      e.verify(device.key());
      return null;
    } catch (EnvelopeException ex) {
      return Outcome.rejected(id, ProblemType.SIGNATURE_INVALID, Text.of("验证失败：" + ex.getMessage(), "Verification failed: " + ex.getMessage()));
    }
  }

  private static LedgerRepository.NewRecord toRow(Principal caller, RecordEnvelope e, Instant receivedAt) {
    return new LedgerRepository.NewRecord(e.recordId(), String.valueOf(e.payload().get("clientId")), e.deviceId(),
        caller.accountId(), e.form().id(), e.form().version(), e.capturedAt(), receivedAt, e.canonicalBytes(),
        Json.write(e.payload()), new LogEntry(e, receivedAt).leafHash(TreeHasher.SM3));
  }

  /**
   * Stores the accepted ones in one statement (the primary key decides between concurrent copies).
   * Those already present are duplicates when the stored bytes are these very bytes, with the
   * stored receipt time; the same id with other bytes (the payload signed twice) is a conflict.
   */
  private Future<List<Outcome>> store(Principal caller, List<Outcome> outcomes, Instant receivedAt,
      LedgerRepository.Arrival arrival) {
    List<Outcome> toStore = outcomes.stream().filter(o -> o.status() == Outcome.Status.accepted).toList();
    if (toStore.isEmpty()) {
      return Future.succeededFuture(outcomes);
    }
    return crypto.executeBlocking(() -> toStore.stream().map(o -> toRow(caller, o.envelope(), receivedAt)).toList(), false)
        .compose(rows -> ledger.insert(rows, arrival))
        .compose(inserted -> {
          appender.pending(inserted.size());
          Set<String> fresh = new java.util.HashSet<>(inserted);
          List<String> known = toStore.stream().map(Outcome::recordId).filter(id -> !fresh.contains(id)).toList();
          return ledger.stored(known).map(stored -> outcomes.stream().map(o -> {
            if (o.status() != Outcome.Status.accepted) {
              return o;
            }
            if (fresh.contains(o.recordId())) {
              return o.as(Outcome.Status.accepted, receivedAt);
            }
            LedgerRepository.StoredRecord before = stored.get(o.recordId());
            if (before != null && java.util.Arrays.equals(before.canonical(), o.envelope().canonicalBytes())) {
              return o.as(Outcome.Status.duplicate, before.receivedAt());
            }
            return Outcome.rejected(o.recordId(), ProblemType.RECORD_ID_CONFLICT, Text.of(
                "记录号 " + o.recordId() + " 已以不同内容存在：同一内容被重复签名，请以新记录提交",
                "Record " + o.recordId() + " is stored with other bytes: the same payload was signed twice; submit a new record"));
          }).toList());
        });
  }
}
