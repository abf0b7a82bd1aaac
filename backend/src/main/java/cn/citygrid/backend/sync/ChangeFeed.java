package cn.citygrid.backend.sync;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.portrait.Purpose;
import cn.citygrid.sync.protocol.crypto.Sm3;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a worker's phone pulls (sync-protocol.md §5): a full snapshot of the worker's scope the
 * first time (and whenever the cursor is void), then the change log. Every change row only says
 * "look again": the entity's present state is read for this worker, so an entity that left the
 * scope becomes a tombstone, and replaying a page is harmless.
 */
public final class ChangeFeed {
  /** Changes of the scope's policy (what a phone is shown) change this and so void every cursor. */
  static final String POLICY = "offline-v1";

  private final Pool pool;
  private final AccessLog accessLog;
  private final Clock clock;

  public ChangeFeed(Pool pool, AccessLog accessLog, Clock clock) {
    this.pool = pool;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  /**
   * Where a phone is in the feed: a snapshot position (entity index, last id) or a live one. Live, the
   * phone has had every change of every transaction visible in {@code base} (a {@link FeedSnapshot});
   * a page serves the changes of transactions visible in a later snapshot {@code to} but not in
   * {@code base}, in (xid, seq) order, and when they are all served {@code to} becomes the base. A
   * change committed late is therefore never skipped — its transaction was not visible in the base —
   * and no transaction still running, however long, holds back the changes of those that ended.
   * While a window is being paged, {@code to} and the last (xid, seq) served are in the cursor. A
   * snapshot carries the base it goes live from.
   */
  record Cursor(String epoch, String scope, FeedSnapshot base, FeedSnapshot to, long xid, long seq, int entity,
      String after) {
    static final int MAX_LENGTH = 2048;

    boolean snapshot() {
      return entity >= 0;
    }

    /** Live from {@code base}, no window open. */
    static Cursor live(String epoch, String scope, FeedSnapshot base) {
      return new Cursor(epoch, scope, base, null, 0, 0, -1, null);
    }

    String encode() {
      JsonObject json = new JsonObject().put("v", 3).put("e", epoch).put("s", scope).put("b", base.text());
      if (to != null) {
        json.put("t", to.text()).put("x", xid).put("q", seq);
      }
      if (snapshot()) {
        json.put("k", entity).put("a", after);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** Null when unreadable. A version 2 cursor (position (xid, seq)) reads as based below its xid. */
    static Cursor decode(String text) {
      if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
        return null;
      }
      try {
        JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
        int version = json.getInteger("v", 0);
        FeedSnapshot base;
        FeedSnapshot to = null;
        if (version == 3) {
          base = FeedSnapshot.parse(json.getString("b"));
          if (json.containsKey("t")) {
            to = FeedSnapshot.parse(json.getString("t"));
            if (to == null) {
              return null;
            }
          }
        } else if (version == 2) {
          // Every change below its xid was served; those of its xid and later are served again (harmless).
          base = FeedSnapshot.below(json.getLong("x"));
        } else {
          return null;
        }
        Cursor c = new Cursor(json.getString("e"), json.getString("s"), base, to,
            to == null ? 0 : json.getLong("x"), to == null ? 0 : json.getLong("q"), json.getInteger("k", -1),
            json.getString("a"));
        // A cursor is opaque to phones but not tamper-proof: one that cannot be ours is void (a reset), not a 500.
        boolean entityOk = c.entity() >= -1 && c.entity() <= ChangeSql.ENTITIES.size();
        boolean afterOk = c.after() == null || !c.snapshot() || c.entity() == ChangeSql.ENTITIES.size()
            || !ChangeSql.ENTITIES.get(c.entity()).numericId() || c.after().matches("[0-9]{1,18}");
        boolean windowOk = to == null || (!c.snapshot() && c.xid() >= 0 && c.seq() >= 0 && to.xmin() >= base.xmin());
        return c.epoch() != null && c.scope() != null && base != null && entityOk && afterOk && windowOk ? c : null;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }

  /**
   * Drops the changes older than {@code retention} and raises {@code purged_below} past their
   * transactions, so cursors that may still have needed one start over; completes with how many were
   * dropped. A cursor whose base sees every dropped change's transaction has been served them all.
   */
  public Future<Integer> purge(java.time.Duration retention) {
    return pool.preparedQuery("""
            WITH gone AS (
              DELETE FROM sync.change WHERE at < now() - make_interval(secs => $1)
              RETURNING xid::text::bigint AS xid),
            raised AS (
              UPDATE sync.feed_epoch SET purged_below = ((SELECT max(xid) FROM gone) + 1)::text::xid8
              WHERE EXISTS (SELECT 1 FROM gone) AND purged_below < ((SELECT max(xid) FROM gone) + 1)::text::xid8)
            SELECT count(*)::int FROM gone""")
        .execute(Tuple.of((double) retention.toSeconds()))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** One page for {@code caller}. */
  public Future<JsonObject> page(Principal caller, String cursorText, int limit, String rid) {
    String scope = scopeHash(caller);
    return pool.query("SELECT epoch::text, purged_below::text::bigint, pg_current_snapshot()::text FROM sync.feed_epoch")
        .execute().compose(rows -> {
          Row r = rows.iterator().next();
          String epoch = r.getString(0);
          FeedSnapshot now = FeedSnapshot.parse(r.getString(2)).bounded();
          Cursor cursor = Cursor.decode(cursorText);
          boolean valid = cursor != null && epoch.equals(cursor.epoch()) && scope.equals(cursor.scope())
              && cursor.base().xmin() >= r.getLong(1);
          if (!valid) {
            // No cursor, a void one, or one older than the log's retention: a snapshot from the top,
            // going live from the transactions that had ended as it started.
            return snapshot(caller, new Cursor(epoch, scope, now, null, 0, 0, 0, null), limit, rid)
                .map(p -> p.put("reset", true));
          }
          if (cursor.snapshot()) {
            return snapshot(caller, cursor, limit, rid).map(p -> p.put("reset", false));
          }
          Cursor window = cursor.to() != null ? cursor
              : new Cursor(epoch, scope, cursor.base(), now, 0, 0, -1, null);
          return live(caller, window, limit, rid).map(p -> p.put("reset", false));
        });
  }

  /** Snapshot pages walk the entities in order by id; after the last one the feed goes live from the seq it started at. */
  private Future<JsonObject> snapshot(Principal caller, Cursor at, int limit, String rid) {
    List<JsonObject> changes = new ArrayList<>();
    // Even the last snapshot page has more: the live changes since the snapshot began.
    return fill(caller, at, limit, changes, rid).map(next -> body(changes, next, true));
  }

  private Future<Cursor> fill(Principal caller, Cursor at, int limit, List<JsonObject> changes, String rid) {
    if (at.entity() >= ChangeSql.ENTITIES.size()) {
      return Future.succeededFuture(Cursor.live(at.epoch(), at.scope(), at.base()));
    }
    if (changes.size() >= limit) {
      return Future.succeededFuture(at);
    }
    ChangeSql.Entity entity = ChangeSql.ENTITIES.get(at.entity());
    String sql = entity == ChangeSql.RESIDENT ? ChangeSql.RESIDENT_PAGE : entity.page();
    Object after = entity.numericId() ? (Object) (at.after() == null ? 0L : Long.parseLong(at.after()))
        : at.after() == null ? "" : at.after();
    int room = limit - changes.size();
    return pool.preparedQuery(sql).execute(Tuple.of(null, prefixes(caller), caller.accountId(), after, room))
        .compose(rows -> logResidents(caller, entity, rows, rid).map(rows))
        .compose(rows -> {
          String last = null;
          for (Row row : rows) {
            last = row.getString("id");
            changes.add(upsert(entity.name(), last, row.getString("data")));
          }
          Cursor next = rows.size() < room ? new Cursor(at.epoch(), at.scope(), at.base(), null, 0, 0, at.entity() + 1, null)
              : new Cursor(at.epoch(), at.scope(), at.base(), null, 0, 0, at.entity(), last);
          return fill(caller, next, limit, changes, rid);
        });
  }

  /** Live changes of the cursor's window: each entity read once, present state for this worker or a tombstone. */
  private Future<JsonObject> live(Principal caller, Cursor at, int limit, String rid) {
    return pool.preparedQuery(ChangeSql.CHANGES)
        .execute(Tuple.of(at.base().text(), caller.accountId(), prefixes(caller), limit + 1, at.xid(), at.seq(),
            at.to().text()))
        .compose(rows -> {
          boolean more = rows.size() > limit;
          Map<String, long[]> latest = new LinkedHashMap<>();   // "entity\u0000id" → [seq]
          long lastXid = at.xid();
          long lastSeq = at.seq();
          int n = 0;
          for (Row row : rows) {
            if (n++ == limit) {
              break;
            }
            latest.put(row.getString(1) + "\u0000" + row.getString(2), new long[] {row.getLong(0)});
            lastSeq = row.getLong(0);
            lastXid = row.getLong(3);
          }
          // The window is done when it had no more: what it covered becomes the base.
          Cursor next = more ? new Cursor(at.epoch(), at.scope(), at.base(), at.to(), lastXid, lastSeq, -1, null)
              : Cursor.live(at.epoch(), at.scope(), at.to());
          return present(caller, latest, rid).map(changes -> body(changes, next, more));
        });
  }

  /** Reads each changed entity as this worker may see it now; the rest become tombstones. */
  private Future<List<JsonObject>> present(Principal caller, Map<String, long[]> latest, String rid) {
    Map<String, List<String>> idsByEntity = new LinkedHashMap<>();
    latest.keySet().forEach(k -> {
      String[] parts = k.split("\u0000", 2);
      idsByEntity.computeIfAbsent(parts[0], e -> new ArrayList<>()).add(parts[1]);
    });
    List<Future<Map<String, JsonObject>>> reads = new ArrayList<>();
    for (ChangeSql.Entity entity : ChangeSql.ENTITIES) {
      List<String> ids = idsByEntity.get(entity.name());
      if (ids != null) {
        reads.add(read(caller, entity, ids, rid));
      }
    }
    return Future.all(reads).map(done -> {
      Map<String, JsonObject> found = new LinkedHashMap<>();
      reads.forEach(f -> found.putAll(f.result()));
      List<JsonObject> out = new ArrayList<>();
      latest.forEach((key, seq) -> out.add(found.get(key).put("seq", seq[0])));
      return out;
    });
  }

  private Future<Map<String, JsonObject>> read(Principal caller, ChangeSql.Entity entity, List<String> ids, String rid) {
    Object idArray = entity.numericId() ? ids.stream().map(Long::valueOf).toArray(Long[]::new) : ids.toArray(String[]::new);
    Future<io.vertx.sqlclient.RowSet<Row>> visible = pool.preparedQuery(entity.byIds())
        .execute(Tuple.of(idArray, prefixes(caller), caller.accountId()));
    Future<io.vertx.sqlclient.RowSet<Row>> existing = pool.preparedQuery(entity.exists()).execute(Tuple.of(idArray));
    return Future.all(visible, existing).compose(done -> logResidents(caller, entity, visible.result(), rid)
        .map(v -> {
          Map<String, JsonObject> out = new LinkedHashMap<>();
          Set<String> exists = new HashSet<>();
          existing.result().forEach(r -> exists.add(r.getString(0)));
          Set<String> seen = new HashSet<>();
          for (Row r : visible.result()) {
            seen.add(r.getString("id"));
            out.put(entity.name() + "\u0000" + r.getString("id"), upsert(entity.name(), r.getString("id"), r.getString("data")));
          }
          for (String id : ids) {
            if (!seen.contains(id)) {
              out.put(entity.name() + "\u0000" + id, new JsonObject().put("entity", entity.name()).put("id", id)
                  .put("op", "delete").put("reason", exists.contains(id) ? "out-of-scope" : "deleted"));
            }
          }
          return out;
        }));
  }

  private static JsonObject upsert(String entity, String id, String data) {
    JsonObject json = new JsonObject(data);
    if (entity.equals("placecode-key")) {
      json.put("publicKey", pem(json.getString("spki"))).remove("spki");
    }
    return new JsonObject().put("entity", entity).put("id", id).put("op", "upsert").put("data", json);
  }

  static String pem(String base64Spki) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(Base64.getDecoder().decode(base64Spki.replace("\n", "")));
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** Residents sent to a phone are reads of their data: one access-log entry each (masked, purpose offline). */
  private Future<Void> logResidents(Principal caller, ChangeSql.Entity entity, io.vertx.sqlclient.RowSet<Row> rows,
      String rid) {
    if (entity != ChangeSql.RESIDENT || rows.size() == 0) {
      return Future.succeededFuture();
    }
    List<Future<Void>> logged = new ArrayList<>();
    for (Row r : rows) {
      logged.add(accessLog.record(AccessEntry.read(clock, caller, "person", Long.parseLong(r.getString("id")),
          Purpose.OFFLINE.code(), "offline-sync", List.of("name"), rid)));
    }
    return Future.all(logged).mapEmpty();
  }

  private static JsonObject body(List<JsonObject> changes, Cursor next, boolean more) {
    return new JsonObject().put("hasMore", more).put("nextCursor", next.encode()).put("changes", new JsonArray(changes));
  }

  static String[] prefixes(Principal caller) {
    return Proposals.scopeOf(caller);
  }

  /** Who the phone serves: its account's roles and territory, and the policy version. */
  static String scopeHash(Principal caller) {
    List<String> parts = new ArrayList<>(caller.scope());
    parts.sort(null);
    String text = POLICY + "|" + caller.roles().stream().map(Enum::name).sorted().toList() + "|" + parts;
    return Sm3.hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
