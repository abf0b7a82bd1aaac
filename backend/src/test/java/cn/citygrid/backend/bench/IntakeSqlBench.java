package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.ledger.LedgerRepository;
import cn.citygrid.backend.ledger.LedgerRepository.NewRecord;
import cn.citygrid.backend.sync.TimeFlags;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The database stage alone: the statement the sync intake runs to store one batch —
 * {@link LedgerRepository#insert(List, LedgerRepository.Arrival)}: records with the sync's arrival note,
 * the sealing queue and the projection queue in one statement — against a baseline of
 * pipelined single-row INSERTs of the same rows into a scratch copy of {@code ledger.record}
 * (same columns, checks and indexes; no foreign keys or triggers), JSON as a bind parameter.
 * Same Vert.x PostgreSQL client, pool size and number of concurrent batches for both.
 */
final class IntakeSqlBench {
  record Result(long rows, double intakePerSecond, double baselinePerSecond) {
    double ratio() {
      return intakePerSecond / baselinePerSecond;
    }
  }

  static final int ROUNDS = 8;
  /** The territory noted on each record, as the demo worker's (one grid). */
  static final List<String> SCOPE_OF_WORKER = List.of("110101001001001");

  static final String SCRATCH = "CREATE TABLE public.record_scratch (LIKE ledger.record INCLUDING ALL)";

  static final String SCRATCH_INSERT = """
      INSERT INTO public.record_scratch (id, client_id, device_id, account_id, form_id, form_version, captured_at,
                                         received_at, canonical, payload, leaf_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)""";

  private final DbConfig db;
  private final int connections;

  IntakeSqlBench(DbConfig db, int connections) {
    this.db = db;
    this.connections = connections;
  }

  /** The rows the intake would store for these envelopes, made as RecordIntake.toRow makes them. */
  static List<List<NewRecord>> rows(List<List<RecordEnvelope>> batches, long accountId) {
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return batches.parallelStream().map(batch -> batch.stream().map(e -> new NewRecord(e.recordId(),
        String.valueOf(e.payload().get("clientId")), e.deviceId(), accountId, e.form().id(), e.form().version(),
        e.capturedAt(), receivedAt, e.canonicalBytes(), Json.write(e.payload()),
        new LogEntry(e, receivedAt).leafHash(TreeHasher.SM3))).toList()).toList();
  }

  /** Both warmed up on the first batches; then both over the rest once each, in turns of {@link #ROUNDS} slices. */
  Result run(List<List<NewRecord>> batches) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(connections))
        .connectingTo(Database.connectOptions(db)).using(vertx).build();
    try {
      pool.query(SCRATCH).execute().toCompletionStage().toCompletableFuture().get();
      LedgerRepository ledger = new LedgerRepository(pool);
      // The first twentieth of the batches warms both paths up (JIT, prepared statements, connections), untimed.
      int warm = Math.max(1, batches.size() / 20);
      List<List<NewRecord>> warmUp = batches.subList(0, warm);
      List<List<NewRecord>> measured = batches.subList(warm, batches.size());
      timed(warmUp, b -> intakeBatch(ledger, b));
      timed(warmUp, b -> baselineBatch(pool, b));
      long rows = measured.stream().mapToLong(List::size).sum();
      // The load of a shared machine drifts: both paths take turns over slices of the rows, in
      // alternating order, and each one's time is the sum over the slices.
      double intake = 0;
      double baseline = 0;
      int slices = Math.min(ROUNDS, measured.size());
      for (int i = 0; i < slices; i++) {
        List<List<NewRecord>> slice = measured.subList(measured.size() * i / slices, measured.size() * (i + 1) / slices);
        if (i % 2 == 0) {
          intake += timed(slice, b -> intakeBatch(ledger, b));
          baseline += timed(slice, b -> baselineBatch(pool, b));
        } else {
          baseline += timed(slice, b -> baselineBatch(pool, b));
          intake += timed(slice, b -> intakeBatch(ledger, b));
        }
      }
      return new Result(rows, rows / intake, rows / baseline);
    } finally {
      pool.close().toCompletionStage().toCompletableFuture().get();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** As SyncRecords stores an upload: the device's clock noted, time flags judged per record (none of these has any). */
  private static Future<Void> intakeBatch(LedgerRepository ledger, List<NewRecord> batch) {
    Instant deviceTime = Instant.now();
    LedgerRepository.Arrival arrival = new LedgerRepository.Arrival(deviceTime, null,
        (capturedAt, receivedAt) -> TimeFlags.of(capturedAt, receivedAt, deviceTime, null, null), SCOPE_OF_WORKER);
    return ledger.insert(batch, arrival).map(ids -> {
      if (ids.size() != batch.size()) {
        throw new IllegalStateException("stored " + ids.size() + " of " + batch.size() + " records");
      }
      return null;
    });
  }

  /** One round trip: the driver pipelines every row's Bind/Execute before a single Sync. */
  private static Future<Void> baselineBatch(Pool pool, List<NewRecord> batch) {
    List<Tuple> tuples = new ArrayList<>();
    for (NewRecord r : batch) {
      tuples.add(Tuple.tuple().addString(r.id()).addString(r.clientId()).addString(r.deviceId()).addLong(r.accountId())
          .addString(r.formId()).addString(r.formVersion()).addOffsetDateTime(r.capturedAt().atOffset(ZoneOffset.UTC))
          .addOffsetDateTime(r.receivedAt().atOffset(ZoneOffset.UTC)).addBuffer(Buffer.buffer(r.canonical()))
          .addString(r.payloadJson()).addBuffer(Buffer.buffer(r.leafHash())));
    }
    return pool.preparedQuery(SCRATCH_INSERT).executeBatch(tuples).mapEmpty();
  }

  /** Seconds to push every batch through {@code step}, {@code connections} batches in flight. */
  private double timed(List<List<NewRecord>> batches, Function<List<NewRecord>, Future<Void>> step) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      loops.add(loop(batches, next, step));
    }
    Future.all(loops).toCompletionStage().toCompletableFuture().get();
    return (System.nanoTime() - start) / 1e9;
  }

  private static Future<Void> loop(List<List<NewRecord>> batches, AtomicInteger next,
      Function<List<NewRecord>, Future<Void>> step) {
    int i = next.getAndIncrement();
    return i >= batches.size() ? Future.succeededFuture() : step.apply(batches.get(i)).compose(v -> loop(batches, next, step));
  }
}
