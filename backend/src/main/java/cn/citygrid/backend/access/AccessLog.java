package cn.citygrid.backend.access;

import cn.citygrid.sync.protocol.crypto.Sm3;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The person-data access log, written with group commit: reads wait for their entry to be
 * durable; an entry that finds the log idle is inserted at once, and entries arriving while an
 * insert is in flight go together in the next one (so batches grow with the load). Each
 * node keeps its own SM3 hash chain (entry hash = SM3(previous hash ‖ JCS(entry))); the table
 * refuses UPDATE and DELETE, and {@link AccessAnchor} puts each chain's head into the ledger.
 */
public final class AccessLog {
  static final int MAX_BATCH = 500;

  private final Pool pool;
  private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
  private final Context context;
  private final List<Pending> queue = new ArrayList<>();
  private byte[] head = new byte[32];
  private long seq;
  private long committedSeq;
  private byte[] committedHash = new byte[32];
  private boolean flushing;

  /** An entry waiting for its INSERT, and the context of the caller that waits for it (null off Vert.x). */
  private record Pending(AccessEntry entry, Promise<Void> done, Context caller) {
    /**
     * Completes on the caller's context: what a request does next (encoding its answer) runs on its own event
     * loop, not on this log's, which would otherwise do that work for every reader of personal data.
     */
    void complete(AsyncResult<Void> result) {
      if (caller == null) {
        done.handle(result);
      } else {
        caller.runOnContext(v -> done.handle(result));
      }
    }
  }

  public AccessLog(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.context = vertx.getOrCreateContext();
  }

  public String node() {
    return node;
  }

  /** Completes once the entry is committed. Safe from any thread: the chain lives on one context. */
  public Future<Void> record(AccessEntry entry) {
    Promise<Void> done = Promise.promise();
    Context caller = Vertx.currentContext();
    context.runOnContext(v -> {
      queue.add(new Pending(entry, done, caller));
      flush();
    });
    return done.future();
  }

  /** One INSERT for everything queued; the next flush waits for this one, so the chain stays in order. */
  private void flush() {
    if (flushing || queue.isEmpty()) {
      return;
    }
    flushing = true;
    List<Pending> batch = new ArrayList<>(queue.subList(0, Math.min(queue.size(), MAX_BATCH)));
    queue.subList(0, batch.size()).clear();
    byte[] before = head;
    long seqBefore = seq;
    Tuple rows = rows(batch);
    pool.preparedQuery(AccessSql.INSERT).execute(rows)
        .onComplete(done -> {
          if (done.failed()) {
            head = before;
            seq = seqBefore;
          } else {
            committedSeq = seq;
            committedHash = head;
          }
          AsyncResult<Void> result = done.mapEmpty();
          batch.forEach(p -> p.complete(result));
          flushing = false;
          flush();
        });
  }

  private Tuple rows(List<Pending> batch) {
    int n = batch.size();
    Long[] seqs = new Long[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    Long[] accounts = new Long[n];
    String[] usernames = new String[n];
    String[] roles = new String[n];
    String[] kinds = new String[n];
    Long[] subjects = new Long[n];
    String[] purposes = new String[n];
    String[] actions = new String[n];
    String[] clear = new String[n];
    String[] requests = new String[n];
    Buffer[] prevs = new Buffer[n];
    Buffer[] hashes = new Buffer[n];
    for (int i = 0; i < n; i++) {
      AccessEntry e = batch.get(i).entry();
      seq++;
      prevs[i] = Buffer.buffer(head);
      head = Sm3.digest(head, e.canonical(node, seq));
      hashes[i] = Buffer.buffer(head);
      seqs[i] = seq;
      at[i] = e.at().atOffset(ZoneOffset.UTC);
      accounts[i] = e.accountId();
      usernames[i] = e.username();
      roles[i] = e.role();
      kinds[i] = e.subjectKind();
      subjects[i] = e.subjectId();
      purposes[i] = e.purpose();
      actions[i] = e.action();
      clear[i] = String.join(",", e.clearFields());
      requests[i] = e.requestId();
    }
    Tuple t = Tuple.tuple().addValue(node);
    for (Object column : new Object[] {seqs, at, accounts, usernames, roles, kinds, subjects, purposes, actions, clear,
        requests, prevs, hashes}) {
      t.addValue(column);
    }
    return t;
  }

  /** The last committed entry of this node's chain: its sequence number and hash. */
  public record Head(String node, long seq, byte[] hash) {}

  Future<Head> committedHead() {
    Promise<Head> p = Promise.promise();
    context.runOnContext(v -> p.complete(new Head(node, committedSeq, committedHash.clone())));
    return p.future();
  }
}
