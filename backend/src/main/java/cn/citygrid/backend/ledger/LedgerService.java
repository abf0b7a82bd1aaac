package cn.citygrid.backend.ledger;

import cn.citygrid.backend.auth.AccountScopes;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.device.DeviceRepository;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.verify.AuditBundle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the log answers: checkpoints, proofs, receipts and audit bundles. */
public final class LedgerService {
  private static final Text NO_RECORD = Text.of("记录不存在", "No such record");

  private final Vertx vertx;
  private final LedgerRepository ledger;
  private final PlatformKeys keys;
  private final DeviceRepository devices;
  private final WitnessClient witnesses;
  private final AccountScopes scopes;

  public LedgerService(Vertx vertx, LedgerRepository ledger, PlatformKeys keys, DeviceRepository devices,
      WitnessClient witnesses, AccountScopes scopes) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.keys = keys;
    this.devices = devices;
    this.witnesses = witnesses;
    this.scopes = scopes;
  }

  public NoteVerifier logKey() {
    return keys.log().verifier();
  }

  public Future<LedgerRepository.StoredCheckpoint> checkpoint(Long size) {
    return ledger.checkpoint(size).map(c -> c.orElseThrow(() -> noCheckpoint(size)));
  }

  private static DomainException noCheckpoint(Long size) {
    return DomainException.notFound(size == null
        ? Text.of("日志尚无检查点", "The log has no checkpoint yet")
        : Text.of("没有大小为 " + size + " 的检查点", "No checkpoint of size " + size));
  }

  /** A receipt against the checkpoint of {@code size}, or against the latest when null. */
  public Future<Receipt> receipt(String recordId, Long size) {
    return ledger.recordAt(recordId, size).compose(found -> {
      LedgerRepository.RecordAt at = found.orElseThrow(() -> DomainException.notFound(NO_RECORD));
      requireSealed(at.record());
      if (at.checkpoint() == null) {
        throw noCheckpoint(size);
      }
      return receiptAt(at.record(), at.checkpoint());
    });
  }

  /** The receipt as the phone got it: against the first checkpoint that contained the record. */
  public Future<Receipt> firstReceipt(String recordId) {
    return sealedRecord(recordId).compose(r -> ledger.firstCheckpointCovering(r.leafIndex())
        .map(c -> c.orElseThrow(() -> notSealed(recordId)))
        .compose(c -> receiptAt(r, c)));
  }

  private Future<Receipt> receiptAt(LedgerRepository.StoredRecord r, LedgerRepository.StoredCheckpoint c) {
    if (r.leafIndex() >= c.size()) {
      return Future.failedFuture(DomainException.validation(List.of(new DomainException.FieldError("size", "too-small",
          Text.of("检查点 " + c.size() + " 不含第 " + r.leafIndex() + " 条", "Checkpoint " + c.size() + " does not contain leaf " + r.leafIndex())))));
    }
    return NodeFetch.run(ledger, ledger.pool(), store -> MerkleProofs.inclusion(TreeHasher.SM3, store, r.leafIndex(), c.size()))
        .map(proof -> new Receipt(r.id(), r.leafIndex(), proof, c.note()));
  }

  public Future<List<byte[]>> consistency(long from, long to) {
    if (from <= 0 || from > to) {
      return Future.failedFuture(DomainException.validation(List.of(new DomainException.FieldError("from", "range",
          Text.of("须满足 0 < from ≤ to", "Needs 0 < from ≤ to")))));
    }
    return checkpoint(to).compose(c -> checkpoint(from))
        .compose(c -> NodeFetch.run(ledger, ledger.pool(), store -> MerkleProofs.consistency(TreeHasher.SM3, store, from, to)));
  }

  /** Everything an auditor needs to check a record offline. Readable by its submitter and those over them. */
  public Future<AuditBundle> bundle(Principal caller, String recordId) {
    return ledger.record(recordId)
        .map(r -> r.orElseThrow(() -> DomainException.notFound(NO_RECORD)))
        .compose(r -> scopes.requireOverseen(caller, r.accountId(), NO_RECORD).map(r))
        .compose(r -> Future.all(firstReceipt(recordId), devices.byId(r.deviceId()), witnesses.known(), checkpoint(null))
            .compose(all -> assemble(r, all.resultAt(0), all.<Optional<cn.citygrid.backend.device.Device>>resultAt(1).orElseThrow(),
                all.resultAt(2), all.resultAt(3))));
  }

  private Future<AuditBundle> assemble(LedgerRepository.StoredRecord r, Receipt receipt, cn.citygrid.backend.device.Device device,
      List<cn.citygrid.sync.protocol.checkpoint.WitnessVerifier> witnessKeys, LedgerRepository.StoredCheckpoint latest) {
    LogEntry entry = new LogEntry(RecordEnvelope.parse(new String(r.canonical(), StandardCharsets.UTF_8)), r.receivedAt());
    long first = cn.citygrid.sync.protocol.checkpoint.Checkpoint.parse(
        cn.citygrid.sync.protocol.checkpoint.SignedNote.parse(receipt.checkpoint()).text()).size();
    Future<Optional<AuditBundle.LaterCheckpoint>> later = latest.size() == first ? Future.succeededFuture(Optional.empty())
        : consistency(first, latest.size()).map(p -> Optional.of(AuditBundle.later(latest.note(), p)));
    return later.map(l -> AuditBundle.of(entry, Sm2Certificate.fromDer(device.certificate()), keys.caCertificate(),
        receipt, logKey(), witnessKeys, l));
  }

  /** Receipts of those of {@code ids} sealed within {@code wait} (the others are absent). */
  public Future<Map<String, Receipt>> receipts(Collection<String> ids, Duration wait) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return awaitSealed(ids, wait).compose(sealed -> {
      List<Future<Receipt>> receipts = sealed.entrySet().stream().filter(e -> e.getValue() != null)
          .map(e -> firstReceipt(e.getKey())).toList();
      return Future.all(receipts).map(all -> {
        Map<String, Receipt> out = new java.util.HashMap<>();
        receipts.forEach(r -> out.put(r.result().recordId(), r.result()));
        return out;
      });
    });
  }

  /**
   * Completes with the leaf indexes of {@code ids} once every one is sealed, or with what is known
   * after {@code timeout} (unsealed ids map to null). Wakes on each seal announcement.
   */
  public Future<Map<String, Long>> awaitSealed(Collection<String> ids, Duration timeout) {
    Promise<Map<String, Long>> done = Promise.promise();
    MessageConsumer<Long> consumer = vertx.eventBus().consumer(LedgerAppender.SEALED_ADDRESS);
    long timer = vertx.setTimer(timeout.toMillis(), t -> ledger.leafIndexes(ids)
        .onSuccess(done::tryComplete).onFailure(done::tryFail));
    consumer.handler(msg -> check(ids, done));
    check(ids, done);
    return done.future().onComplete(r -> {
      consumer.unregister();
      vertx.cancelTimer(timer);
    });
  }

  private void check(Collection<String> ids, Promise<Map<String, Long>> done) {
    ledger.leafIndexes(ids).onSuccess(found -> {
      if (found.size() == ids.size() && found.values().stream().allMatch(java.util.Objects::nonNull)) {
        done.tryComplete(found);
      }
    });
  }

  private Future<LedgerRepository.StoredRecord> sealedRecord(String recordId) {
    return ledger.record(recordId).map(r -> requireSealed(r.orElseThrow(() -> DomainException.notFound(NO_RECORD))));
  }

  private static LedgerRepository.StoredRecord requireSealed(LedgerRepository.StoredRecord r) {
    if (r.leafIndex() == null) {
      throw notSealed(r.id());
    }
    return r;
  }

  private static DomainException notSealed(String recordId) {
    return new DomainException(ProblemType.RECORD_NOT_SEALED,
        Text.of("记录 " + recordId + " 尚未封存进日志，请稍后再取回执", "Record " + recordId + " is not sealed yet; fetch its receipt shortly"));
  }
}
