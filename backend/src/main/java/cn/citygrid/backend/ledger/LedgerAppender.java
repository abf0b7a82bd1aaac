package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer. Every node competes for a PostgreSQL session advisory lock; the holder
 * seals pending records in batches (at most {@code batchMax} records, at least every
 * {@code batchInterval}): leaf indexes, new perfect nodes and a signed checkpoint in one
 * transaction, then announces the new size and asks the witnesses to cosign. Losing the lock's
 * connection ends leadership; another node takes over from what is stored.
 *
 * <p>Sealing has resources of its own so that a saturating intake cannot starve it: its transactions
 * run on the lock's connection (never waiting for the shared pool) and its hashing and signing on
 * {@code sealer}, a worker of its own (never queued behind the intake's signature checks).
 */
public final class LedgerAppender {
  public static final String SEALED_ADDRESS = "citygrid.ledger.sealed";
  private static final Logger LOG = LoggerFactory.getLogger(LedgerAppender.class);

  private final Vertx vertx;
  private final PgConnectOptions connect;
  private final LedgerRepository ledger;
  private final CheckpointSigner signer;
  private final WorkerExecutor sealer;
  private final LedgerConfig config;
  private final Clock clock;
  private final WitnessClient witnesses;
  private final io.micrometer.core.instrument.Timer sealDelay;
  private io.vertx.core.Context context;
  private PgConnection leaderConnection;
  private MerkleAppender tree;
  private boolean sealing;
  /** Records announced by this node's intake since the last seal started: a full batch seals at once. */
  private long arrived;
  private Future<Long> running = Future.succeededFuture(0L);
  private long timer = -1;

  public LedgerAppender(Vertx vertx, PgConnectOptions connect, LedgerRepository ledger, CheckpointSigner signer,
      WorkerExecutor sealer, LedgerConfig config, Clock clock, WitnessClient witnesses,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.vertx = vertx;
    this.connect = connect;
    this.ledger = ledger;
    this.signer = signer;
    this.sealer = sealer;
    this.config = config;
    this.clock = clock;
    this.witnesses = witnesses;
    this.sealDelay = io.micrometer.core.instrument.Timer.builder("citygrid.ledger.seal.delay")
        .description("From a record's receipt to the signing of the checkpoint that first contains it")
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(metrics);
  }

  /** Runs on its own Vert.x context: leadership, sealing and all of this object's state live there. */
  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> timer = vertx.setPeriodic(0, config.batchInterval().toMillis(), id -> tick()));
  }

  public boolean leader() {
    return leaderConnection != null;
  }

  /** Seals whatever is pending now, if this node leads (tests and benchmarks call it). */
  public Future<Long> sealNow() {
    io.vertx.core.Promise<Long> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      if (!leader()) {
        done.fail(new IllegalStateException("not the ledger leader"));
      } else if (sealing) {
        // A seal is running; it may have missed the newest records, so seal once more after it.
        running.transform(ignored -> sealAll()).onComplete(done);
      } else {
        sealAll().onComplete(done);
      }
    });
    return done.future();
  }

  /** A hint from the intake (any thread): {@code count} records arrived; a full batch is sealed at once. */
  public void pending(int count) {
    if (count > 0) {
      context.runOnContext(v -> {
        arrived += count;
        if (arrived >= config.batchMax() && leader() && !sealing) {
          sealAll().onFailure(e -> LOG.warn("sealing failed: {}", e.toString()));
        }
      });
    }
  }

  private final java.util.List<io.vertx.core.Promise<Void>> tickWaiters = new java.util.ArrayList<>();

  /** Completes after the next tick has run (its leadership attempt or seal included). */
  public Future<Void> nextTick() {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    context.runOnContext(v -> tickWaiters.add(p));
    return p.future();
  }

  private void tick() {
    Future<?> work = !leader() ? tryLead()
        : sealing ? Future.succeededFuture() : sealAll().onFailure(e -> LOG.warn("sealing failed: {}", e.toString()));
    List<io.vertx.core.Promise<Void>> waiting = List.copyOf(tickWaiters);
    tickWaiters.clear();
    work.onComplete(done -> waiting.forEach(io.vertx.core.Promise::tryComplete));
  }

  private Future<Void> tryLead() {
    return PgConnection.connect(vertx, connect)
        .compose(conn -> conn.query(LedgerSql.LEADER_LOCK).execute()
            .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(conn)
                : conn.close().compose(v -> Future.<PgConnection>succeededFuture(null))))
        .compose(conn -> conn == null ? Future.<Void>succeededFuture() : takeOver(conn))
        .recover(e -> {
          LOG.debug("ledger leadership attempt failed: {}", e.toString());
          return Future.succeededFuture();
        });
  }

  /** Leadership: resume the tree from the store, make sure checkpoint 0 exists, then seal. */
  private Future<Void> takeOver(PgConnection conn) {
    conn.closeHandler(v -> {
      if (leaderConnection == conn) {
        LOG.warn("ledger leadership lost (lock connection closed)");
      }
      leaderConnection = null;
      tree = null;
    });
    leaderConnection = conn;
    LOG.info("this node now appends to the ledger");
    // Counts as a seal: no batch may start on this connection before the tree is resumed.
    sealing = true;
    running = inTransaction(tx -> tx.query(LedgerSql.APPEND_LOCK).execute()
            .compose(v -> tx.query(LedgerSql.LATEST_SIZE).execute())
            .compose(rows -> rows.iterator().next().getLong(0) < 0 ? sealEmpty(tx) : resume(tx, latest(rows))))
        .map(v -> tree.size())
        .onFailure(e -> {
          // Without a tree this node cannot seal: give the lock up; the next tick competes again.
          LOG.warn("taking over the ledger failed: {}", e.toString());
          leaderConnection = null;
          conn.close();
        })
        .onComplete(done -> sealing = false);
    return running.mapEmpty();
  }

  /** {@code work} in a transaction on the leadership connection; rolled back when it fails. */
  private <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> work) {
    PgConnection conn = leaderConnection;
    if (conn == null) {
      return Future.failedFuture(new IllegalStateException("not the ledger leader"));
    }
    return conn.begin().compose(tx -> work.apply(conn).compose(
        result -> tx.commit().map(result),
        failure -> tx.rollback().transform(ignored -> Future.<T>failedFuture(failure))));
  }

  private static long latest(RowSet<Row> rows) {
    return rows.iterator().next().getLong(0);
  }

  private Future<Void> resume(SqlConnection tx, long size) {
    return NodeFetch.run(ledger, tx, store -> MerkleAppender.fromStore(TreeHasher.SM3, store, size))
        .map(resumed -> {
          tree = resumed;
          return null;
        });
  }

  private Future<Void> sealEmpty(SqlConnection tx) {
    MerkleAppender empty = new MerkleAppender(TreeHasher.SM3);
    Instant now = clock.instant();
    return sealer.executeBlocking(() -> signer.sign(Checkpoint.of(signer.keyName(), 0, empty.root(), now)), false)
        .compose(note -> tx.preparedQuery(LedgerSql.INSERT_CHECKPOINT)
            .execute(Tuple.of(0L, Buffer.buffer(empty.root()), note, now.atOffset(ZoneOffset.UTC))))
        .map(v -> {
          tree = empty;
          return null;
        });
  }

  /** Seals batch after batch until fewer than a full batch was pending; returns the final size. */
  private Future<Long> sealAll() {
    sealing = true;
    arrived = 0;
    running = sealBatches().onComplete(done -> sealing = false);
    return running;
  }

  private Future<Long> sealBatches() {
    return sealBatch().compose(sealed -> sealed >= config.batchMax() && leader()
        ? sealBatches() : Future.succeededFuture(tree == null ? -1L : tree.size()));
  }

  /** One batch in one transaction; returns how many records it sealed. */
  private Future<Integer> sealBatch() {
    return inTransaction(tx -> tx.query(LedgerSql.APPEND_LOCK).execute()
            .compose(v -> tx.query(LedgerSql.LATEST_SIZE).execute())
            // Another node may have sealed since we last did (leadership moved and came back).
            .compose(rows -> latest(rows) == tree.size() ? Future.succeededFuture() : resume(tx, latest(rows)))
            .compose(v -> tx.preparedQuery(LedgerSql.TAKE_PENDING).execute(Tuple.of(config.batchMax())))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(null) : append(tx, rows)))
        .map(sealed -> {
          if (sealed == null) {
            return 0;
          }
          tree = sealed.tree();
          sealed.received().forEach(at -> sealDelay.record(java.time.Duration.between(at, sealed.signedAt())));
          vertx.eventBus().publish(SEALED_ADDRESS, sealed.tree().size());
          witnesses.catchUp();
          return sealed.received().size();
        });
  }

  private record Sealed(MerkleAppender tree, MerkleAppender.Appended appended, String note, Instant signedAt,
      List<Instant> received) {}

  private Future<Sealed> append(SqlConnection tx, RowSet<Row> taken) {
    List<Row> rows = new ArrayList<>();
    taken.forEach(rows::add);
    // RETURNING has no order: the log's is receive time, then record id.
    rows.sort(java.util.Comparator.<Row, Instant>comparing(r -> r.getOffsetDateTime(2).toInstant())
        .thenComparing(r -> r.getString(0)));
    List<String> ids = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    List<Instant> received = new ArrayList<>();
    for (Row r : rows) {
      ids.add(r.getString(0));
      leaves.add(r.getBuffer(1).getBytes());
      received.add(r.getOffsetDateTime(2).toInstant());
    }
    // Every leaf must be received no later than the checkpoint that first contains it.
    Instant newest = received.stream().max(Instant::compareTo).orElseThrow();
    Instant signedAt = clock.instant().isBefore(newest) ? newest : clock.instant();
    long first = tree.size();
    return sealer.executeBlocking(() -> extend(leaves, received, signedAt), false)
        .compose(sealed -> tx.preparedQuery(LedgerSql.ASSIGN).execute(assignments(ids, first))
            .compose(v -> tx.preparedQuery(LedgerSql.INSERT_NODES).execute(LedgerRepository.nodeRows(sealed.appended().newNodes())))
            .compose(v -> tx.preparedQuery(LedgerSql.INSERT_CHECKPOINT).execute(Tuple.of(sealed.tree().size(),
                Buffer.buffer(sealed.appended().root()), sealed.note(), signedAt.atOffset(ZoneOffset.UTC))))
            .map(sealed));
  }

  /** On a copy of the tree: the stored one changes only once the transaction commits. */
  private Sealed extend(List<byte[]> leaves, List<Instant> received, Instant signedAt) {
    MerkleAppender copy = MerkleAppender.resume(TreeHasher.SM3, tree.size(), tree.borderRoots());
    MerkleAppender.Appended appended = copy.appendAll(leaves);
    String note = signer.sign(Checkpoint.of(signer.keyName(), copy.size(), appended.root(), signedAt));
    return new Sealed(copy, appended, note, signedAt, received);
  }

  private static Tuple assignments(List<String> ids, long first) {
    Long[] indexes = new Long[ids.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = first + i;
    }
    return LedgerRepository.arrays(ids.toArray(String[]::new), indexes);
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    PgConnection conn = leaderConnection;
    leaderConnection = null;
    return conn == null ? Future.succeededFuture() : conn.close();
  }
}
