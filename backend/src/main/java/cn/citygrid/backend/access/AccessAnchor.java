package cn.citygrid.backend.access;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.backend.ledger.RecordIntake;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts this node's access-log chain head into the ledger every few seconds (when it moved), as a
 * record signed by the platform device: afterwards no access entry up to that head can be changed
 * or removed without the ledger showing it.
 */
public final class AccessAnchor {
  static final FormRef FORM = new FormRef("access-anchor", "1");

  private final AccessLog log;
  private final RecordIntake intake;
  private final PlatformKeys keys;
  private final WorkerExecutor crypto;
  private final Pool pool;
  private final Clock clock;
  private final Principal system;
  private volatile long anchored;

  public AccessAnchor(AccessLog log, RecordIntake intake, PlatformKeys keys, WorkerExecutor crypto, Pool pool, Clock clock,
      long systemAccount) {
    this.log = log;
    this.intake = intake;
    this.keys = keys;
    this.crypto = crypto;
    this.pool = pool;
    this.clock = clock;
    this.system = new Principal(systemAccount, "system", "平台", Set.of(Role.ADMIN), List.of(), null, "system");
  }

  public long start(Vertx vertx, long everyMillis) {
    return vertx.setPeriodic(everyMillis, id -> anchorNow());
  }

  /** Anchors the committed head if it moved since the last anchor; completes with the record id or null. */
  public Future<String> anchorNow() {
    return log.committedHead().compose(head -> head.seq() <= anchored ? Future.succeededFuture(null) : anchor(head));
  }

  private Future<String> anchor(AccessLog.Head head) {
    return crypto.executeBlocking(() -> envelope(head), false)
        .compose(e -> intake.accept(system, List.of(e.toJson())).compose(outcomes -> outcomes.get(0).problem() == null
            ? Future.succeededFuture(e.recordId())
            : Future.failedFuture(new IllegalStateException("anchor refused: " + outcomes.get(0).detail().en()))))
        .compose(recordId -> pool.preparedQuery(
                "INSERT INTO gov.access_anchor (node, seq, head, record_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(head.node(), head.seq(), io.vertx.core.buffer.Buffer.buffer(head.hash()), recordId))
            .map(v -> {
              anchored = Math.max(anchored, head.seq());
              return recordId;
            }));
  }

  private RecordEnvelope envelope(AccessLog.Head head) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("clientId", UuidV7.generate());
    payload.put("node", head.node());
    payload.put("seq", String.valueOf(head.seq()));
    payload.put("head", Hex.encode(head.hash()));
    return RecordEnvelope.sign(keys.platformDevice().privateKey(), PlatformDevice.DEVICE_ID,
        keys.platformDevice().publicKey().keyId(), FORM, clock.instant(), payload, List.of());
  }
}
