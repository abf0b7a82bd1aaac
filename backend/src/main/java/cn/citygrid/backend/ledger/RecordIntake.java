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

  /** One record's fate. {@code problem} is set when rejected. */
  public record Outcome(String recordId, Status status, ProblemType problem, Text detail) {
    public enum Status { accepted, duplicate, rejected }

    static Outcome rejected(String recordId, ProblemType problem, Text detail) {
      return new Outcome(recordId, Status.rejected, problem, detail);
    }
  }

  public Future<List<Outcome>> accept(Principal caller, List<String> envelopes) {
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Parsing and verifying are CPU work: both run on the crypto workers, the key lookup in between.
    return crypto.executeBlocking(() -> envelopes.stream().map(RecordIntake::parse).toList(), false)
        .compose(parsed -> devices.byKeyIds(keyIdsOf(parsed))
            .compose(known -> crypto.executeBlocking(() -> judge(caller, parsed, known, receivedAt), false)))
        .compose(this::store);
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

  /** Worker thread: device checks, record id and SM2 signature, leaf hash. */
  private Judged judge(Principal caller, List<Parsed> parsed, Map<String, KnownDevice> known, Instant receivedAt) {
    List<Outcome> outcomes = new ArrayList<>();
    List<LedgerRepository.NewRecord> accepted = new ArrayList<>();
    for (Parsed p : parsed) {
      Outcome failure = p.failure() != null ? p.failure() : check(caller, p.envelope(), known.get(p.envelope().keyId()), receivedAt);
      outcomes.add(failure != null ? failure : new Outcome(p.envelope().recordId(), Outcome.Status.accepted, null, null));
      if (failure == null) {
        accepted.add(toRow(caller, p.envelope(), receivedAt));
      }
    }
    return new Judged(outcomes, accepted);
  }

  private record Judged(List<Outcome> outcomes, List<LedgerRepository.NewRecord> accepted) {}

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

  /** Stores the accepted ones; those already present become duplicates. */
  private Future<List<Outcome>> store(Judged judged) {
    return ledger.insert(judged.accepted()).map(inserted -> {
      appender.pending(inserted.size());
      Set<String> fresh = new java.util.HashSet<>(inserted);
      return judged.outcomes().stream().map(o -> o.status() == Outcome.Status.accepted && !fresh.contains(o.recordId())
          ? new Outcome(o.recordId(), Outcome.Status.duplicate, null, null) : o).toList();
    });
  }
}
