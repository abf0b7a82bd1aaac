package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.merkle.PerfectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** All SQL of the log: records, perfect nodes and checkpoints (Vert.x PostgreSQL client). */
public final class LedgerRepository {
  private final Pool pool;

  public LedgerRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** A verified record ready to store. */
  public record NewRecord(String id, String clientId, String deviceId, long accountId, String formId,
      String formVersion, Instant capturedAt, Instant receivedAt, byte[] canonical, String payloadJson, byte[] leafHash) {}

  /**
   * How the sync saw records arrive, noted on each new one (ledger.record, ADR 0039): the device's clock
   * when the request left and its own offset estimate (either may be null), the time flags of a
   * record from its capture and receive times, and the territory (region/grid code prefixes) its
   * author covered, which decides who may read the record later.
   */
  public record Arrival(Instant deviceTime, Long offsetMs, BiFunction<Instant, Instant, List<String>> flags,
      List<String> scope) {}

  /** Inserts the records; returns the ids that were new (the others were already there: duplicates). */
  public Future<List<String>> insert(List<NewRecord> records) {
    return insert(records, null);
  }

  /** The same, with the arrival noted for each new record in the same statement (none when {@code arrival} is null). */
  public Future<List<String>> insert(List<NewRecord> records, Arrival arrival) {
    if (records.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = records.size();
    String[] ids = new String[n];
    String[] clients = new String[n];
    String[] devices = new String[n];
    Long[] accounts = new Long[n];
    String[] forms = new String[n];
    String[] versions = new String[n];
    java.time.OffsetDateTime[] captured = new java.time.OffsetDateTime[n];
    java.time.OffsetDateTime[] received = new java.time.OffsetDateTime[n];
    Buffer[] canonical = new Buffer[n];
    String[] payloads = new String[n];
    Buffer[] leaves = new Buffer[n];
    for (int i = 0; i < n; i++) {
      NewRecord r = records.get(i);
      ids[i] = r.id();
      clients[i] = r.clientId();
      devices[i] = r.deviceId();
      accounts[i] = r.accountId();
      forms[i] = r.formId();
      versions[i] = r.formVersion();
      captured[i] = r.capturedAt().atOffset(ZoneOffset.UTC);
      received[i] = r.receivedAt().atOffset(ZoneOffset.UTC);
      canonical[i] = Buffer.buffer(r.canonical());
      payloads[i] = r.payloadJson();
      leaves[i] = Buffer.buffer(r.leafHash());
    }
    Tuple params = arrays(ids, clients, devices, accounts, forms, versions, captured, received, canonical, payloads, leaves);
    if (arrival == null) {
      params.addValue(null).addValue(null).addArrayOfString(null).addArrayOfString(null);
    } else {
      params.addValue(arrival.deviceTime() == null ? null : arrival.deviceTime().atOffset(ZoneOffset.UTC))
          .addValue(arrival.offsetMs())
          .addValue(records.stream().map(r -> String.join(",", arrival.flags().apply(r.capturedAt(), r.receivedAt())))
              .toArray(String[]::new))
          .addValue(arrival.scope().toArray(String[]::new));
    }
    return pool.preparedQuery(LedgerSql.INSERT_RECORDS)
        .execute(params)
        .map(rows -> {
          List<String> inserted = new ArrayList<>();
          rows.forEach(row -> inserted.add(row.getString(0)));
          return inserted;
        });
  }

  /** Where a record is: its leaf index, or null while its batch is not sealed; empty when unknown. */
  public Future<Map<String, Long>> leafIndexes(Collection<String> ids) {
    return pool.preparedQuery("""
            SELECT r.id, l.idx FROM ledger.record r LEFT JOIN ledger.leaf l ON l.record_id = r.id WHERE r.id = ANY($1)""")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
          return out;
        });
  }

  public record StoredRecord(String id, long accountId, String deviceId, byte[] canonical, Instant receivedAt,
      Long leafIndex) {}

  /** The stored records among {@code ids}, by id. */
  public Future<Map<String, StoredRecord>> stored(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("""
            SELECT r.id, r.account_id, r.device_id, r.canonical, r.received_at, l.idx AS leaf_index
            FROM ledger.record r LEFT JOIN ledger.leaf l ON l.record_id = r.id WHERE r.id = ANY($1)""")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(rows -> {
          Map<String, StoredRecord> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("id"), stored(r)));
          return out;
        });
  }

  public Future<Optional<StoredRecord>> record(String id) {
    return pool.preparedQuery("""
            SELECT r.id, r.account_id, r.device_id, r.canonical, r.received_at, l.idx AS leaf_index
            FROM ledger.record r LEFT JOIN ledger.leaf l ON l.record_id = r.id WHERE r.id = $1""")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
  }

  /** A record and, read in the same snapshot, the newest checkpoint or the one of exactly {@code size} (null when none). */
  public record RecordAt(StoredRecord record, StoredCheckpoint checkpoint) {}

  /**
   * {@link #record} and {@link #checkpoint} in one statement (a receipt's two look-ups, one round trip):
   * one snapshot, so a record sealed a moment ago never meets a checkpoint read before its seal.
   */
  public Future<Optional<RecordAt>> recordAt(String id, Long size) {
    return pool.preparedQuery("""
            SELECT r.id, r.account_id, r.device_id, r.canonical, r.received_at, l.idx AS leaf_index,
                   c.size AS checkpoint_size, c.root AS checkpoint_root, c.note AS checkpoint_note
            FROM ledger.record r LEFT JOIN ledger.leaf l ON l.record_id = r.id LEFT JOIN (%s) c ON true
            WHERE r.id = $1""".formatted(checkpointSql(size, 2)))
        .execute(size == null ? Tuple.of(id) : Tuple.of(id, size))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          StoredCheckpoint c = r.getLong("checkpoint_size") == null ? null : new StoredCheckpoint(r.getLong("checkpoint_size"),
              r.getBuffer("checkpoint_root").getBytes(), r.getString("checkpoint_note"));
          return Optional.of(new RecordAt(stored(r), c));
        });
  }

  static StoredRecord stored(Row r) {
    return new StoredRecord(r.getString("id"), r.getLong("account_id"), r.getString("device_id"),
        r.getBuffer("canonical").getBytes(), r.getOffsetDateTime("received_at").toInstant(), r.getLong("leaf_index"));
  }

  public record StoredCheckpoint(long size, byte[] root, String note) {}

  /** The newest checkpoint, or the one of exactly {@code size}. */
  public Future<Optional<StoredCheckpoint>> checkpoint(Long size) {
    return pool.preparedQuery(checkpointSql(size, 1)).execute(size == null ? Tuple.tuple() : Tuple.of(size))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(checkpoint(rows.iterator().next())));
  }

  /** The newest checkpoint, or the one whose size is parameter {@code $param}. */
  private static String checkpointSql(Long size, int param) {
    return size == null ? "SELECT size, root, note FROM ledger.checkpoint ORDER BY size DESC LIMIT 1"
        : "SELECT size, root, note FROM ledger.checkpoint WHERE size = $" + param;
  }

  /** The first checkpoint that contains leaf {@code index}: the one sealed with it. */
  public Future<Optional<StoredCheckpoint>> firstCheckpointCovering(long index) {
    return pool.preparedQuery("SELECT size, root, note FROM ledger.checkpoint WHERE size > $1 ORDER BY size LIMIT 1")
        .execute(Tuple.of(index))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(checkpoint(rows.iterator().next())));
  }

  private static StoredCheckpoint checkpoint(Row r) {
    return new StoredCheckpoint(r.getLong(0), r.getBuffer(1).getBytes(), r.getString(2));
  }

  /** Stored perfect nodes at the given positions (all must exist). */
  public Future<Map<Position, byte[]>> nodes(SqlClient client, Collection<Position> positions) {
    Short[] levels = positions.stream().map(p -> (short) p.level()).toArray(Short[]::new);
    Long[] indexes = positions.stream().map(Position::index).toArray(Long[]::new);
    return client.preparedQuery(LedgerSql.NODES).execute(arrays(levels, indexes)).map(rows -> {
      Map<Position, byte[]> out = new HashMap<>();
      rows.forEach(r -> out.put(new Position(r.getShort(0), r.getLong(1)), r.getBuffer(2).getBytes()));
      return out;
    });
  }

  /** A perfect-node position (level, index). */
  public record Position(int level, long index) {}

  static Tuple nodeRows(List<PerfectNode> nodes) {
    Short[] levels = new Short[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    Buffer[] hashes = new Buffer[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      levels[i] = (short) nodes.get(i).level();
      indexes[i] = nodes.get(i).index();
      hashes[i] = Buffer.buffer(nodes.get(i).hash());
    }
    return arrays(levels, indexes, hashes);
  }

  /**
   * A tuple of array parameters. Never {@code Tuple.of(a, b)} with an array last: Java picks the
   * varargs overload and spreads the array into separate parameters.
   */
  static Tuple arrays(Object... arrays) {
    Tuple t = Tuple.tuple();
    for (Object array : arrays) {
      t.addValue(array);
    }
    return t;
  }
}
