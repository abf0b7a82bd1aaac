package cn.citygrid.backend.witness;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteException;
import cn.citygrid.sync.protocol.checkpoint.NoteSignature;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.ProofException;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * An independent witness (C2SP tlog-witness semantics, SM2 keys): it cosigns a log's checkpoint
 * only when it is signed by the log key it knows and a consistency proof shows it extends the last
 * checkpoint it cosigned. A forked history — same size with another root, or a tree that does not
 * contain the old one — is refused, and its state does not move.
 */
public final class WitnessService {
  private final Pool pool;
  private final WorkerExecutor crypto;
  private final WitnessCosigner cosigner;
  private final NoteVerifier log;
  private final Clock clock;

  public WitnessService(Pool pool, WorkerExecutor crypto, WitnessCosigner cosigner, NoteVerifier log, Clock clock) {
    this.pool = pool;
    this.crypto = crypto;
    this.cosigner = cosigner;
    this.log = log;
    this.clock = clock;
  }

  public WitnessCosigner cosigner() {
    return cosigner;
  }

  /** Outcomes the HTTP layer maps to status codes (200, 409 with our size, 422, 403). */
  public sealed interface Outcome {
    record Cosigned(List<String> lines) implements Outcome {}

    record SizeMismatch(long size) implements Outcome {}

    record Refused(int status, String reason) implements Outcome {}
  }

  public Future<Outcome> addCheckpoint(long oldSize, List<byte[]> proof, String note) {
    // Anyone may post a note: its SM2 check runs on the crypto workers, never on the event loop.
    return crypto.executeBlocking(() -> CheckpointVerifier.verify(note, log, List.of()).checkpoint(), false)
        .compose(checkpoint -> lockStateAndJudge(oldSize, proof, note, checkpoint), this::notSignedByTheLog);
  }

  private Future<Outcome> notSignedByTheLog(Throwable failure) {
    if (failure instanceof NoteException e) {
      return Future.succeededFuture(new Outcome.Refused(403, "not signed by the log key " + log.keyName() + ": " + e.getMessage()));
    }
    return Future.failedFuture(failure);
  }

  private Future<Outcome> lockStateAndJudge(long oldSize, List<byte[]> proof, String note, Checkpoint checkpoint) {
    return pool.withTransaction(tx -> tx.preparedQuery(
            "SELECT size, root FROM witness.log_state WHERE origin = $1 FOR UPDATE")
        .execute(Tuple.of(checkpoint.origin()))
        .compose(rows -> judge(tx, rows.size() == 0 ? null : rows.iterator().next(), oldSize, proof, note, checkpoint)));
  }

  private Future<Outcome> judge(SqlConnection tx, Row state, long oldSize, List<byte[]> proof, String note,
      Checkpoint checkpoint) {
    long size = state == null ? 0 : state.getLong(0);
    if (oldSize != size) {
      return Future.succeededFuture(new Outcome.SizeMismatch(size));
    }
    if (checkpoint.size() < size) {
      return Future.succeededFuture(new Outcome.Refused(409, "checkpoint size " + checkpoint.size()
          + " is older than the cosigned size " + size));
    }
    String problem = state == null ? null : consistencyProblem(size, state.getBuffer(1).getBytes(), checkpoint, proof);
    if (problem != null) {
      return Future.succeededFuture(new Outcome.Refused(422, problem));
    }
    return crypto.executeBlocking(() -> cosigner.cosign(note, log, clock.instant()), false)
        .compose(cosigned -> store(tx, checkpoint, cosigned).map(v -> newLines(note, cosigned)));
  }

  /** Null when {@code checkpoint} provably extends the tree (size, root) we cosigned last. */
  private static String consistencyProblem(long size, byte[] root, Checkpoint checkpoint, List<byte[]> proof) {
    if (size == checkpoint.size()) {
      return Arrays.equals(root, checkpoint.root()) ? null : "a different root for the cosigned size " + size + ": the log forked";
    }
    if (size == 0) {
      return null;
    }
    try {
      MerkleVerifier.verifyConsistency(TreeHasher.SM3, size, checkpoint.size(), proof, root, checkpoint.root());
      return null;
    } catch (ProofException e) {
      return "no consistency from size " + size + " to " + checkpoint.size() + ": " + e.getMessage();
    }
  }

  private Future<Void> store(SqlConnection tx, Checkpoint checkpoint, String cosigned) {
    return tx.preparedQuery("""
            INSERT INTO witness.log_state (origin, size, root, note, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (origin) DO UPDATE SET size = $2, root = $3, note = $4, updated_at = $5""")
        .execute(Tuple.of(checkpoint.origin(), checkpoint.size(), Buffer.buffer(checkpoint.root()), cosigned,
            clock.instant().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private static Outcome newLines(String note, String cosigned) {
    List<NoteSignature> before = SignedNote.parse(note).signatures();
    return new Outcome.Cosigned(SignedNote.parse(cosigned).signatures().stream()
        .filter(s -> !before.contains(s)).map(NoteSignature::line).toList());
  }
}
