package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteException;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Re-derives the whole log from what is stored and compares: every record's leaf from its
 * canonical bytes and receive time (and its record id and signature from the envelope), every root
 * from the leaves, every checkpoint's root and signature, and the order of receive times. Reports
 * records altered, missing or inserted out of order without trusting any stored hash.
 */
public final class LedgerAudit {
  static final int CHUNK = 2000;

  private final Pool pool;
  private final WorkerExecutor crypto;
  private final NoteVerifier logKey;

  public LedgerAudit(Pool pool, WorkerExecutor crypto, NoteVerifier logKey) {
    this.pool = pool;
    this.crypto = crypto;
    this.logKey = logKey;
  }

  public Future<AuditReport> run() {
    AuditReport report = new AuditReport();
    return pool.query("SELECT size, root, note FROM ledger.checkpoint ORDER BY size").execute()
        .compose(rows -> {
          TreeMap<Long, Row> checkpoints = new TreeMap<>();
          rows.forEach(r -> checkpoints.put(r.getLong(0), r));
          AuditWalk walk = new AuditWalk(report, new MerkleAppender(TreeHasher.SM3), checkpoints, logKey);
          return checkpointAtZero(walk).compose(v -> chunk(walk, -1));
        })
        .compose(walk -> crypto.executeBlocking(() -> {
          walk.finish();
          return report;
        }, false));
  }

  private Future<Void> checkpointAtZero(AuditWalk walk) {
    return crypto.executeBlocking(() -> {
      walk.checkpointsUpTo(0);
      return null;
    }, false);
  }

  /** Keyset-paged walk in leaf order; each chunk is checked on a worker thread. */
  private Future<AuditWalk> chunk(AuditWalk walk, long after) {
    return pool.preparedQuery(AuditSql.CHUNK).execute(Tuple.of(after, CHUNK))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          if (list.isEmpty()) {
            return Future.succeededFuture(walk);
          }
          long last = list.get(list.size() - 1).getLong("leaf_index");
          return crypto.executeBlocking(() -> walk.leaves(list), false)
              .compose(more -> more ? chunk(walk, last) : Future.succeededFuture(walk));
        });
  }

  /** Checks one checkpoint note: the log's signature and the root it claims. */
  static String checkpointProblem(Row row, byte[] recomputedRoot, NoteVerifier logKey) {
    try {
      Checkpoint c = CheckpointVerifier.verify(row.getString("note"), logKey, List.of()).checkpoint();
      if (c.size() != row.getLong("size") || !java.util.Arrays.equals(c.root(), row.getBuffer("root").getBytes())) {
        return "the note's size/root differ from the stored columns";
      }
      return java.util.Arrays.equals(c.root(), recomputedRoot) ? null : "root differs from the root recomputed from the leaves";
    } catch (NoteException e) {
      return "signature: " + e.getMessage();
    }
  }
}
