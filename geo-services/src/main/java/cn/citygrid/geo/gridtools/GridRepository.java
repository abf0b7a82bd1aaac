package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The grid tools' writes: import upserts, split and merge, each in one transaction that also
 * moves houses, buildings, enterprises and places to the grid that now contains them. The tile
 * and statistics triggers fire on these writes, so tiles and counts follow by themselves.
 * SQLSTATEs are translated here into {@link GeoException}s.
 */
public final class GridRepository {
  private static final List<String> FEATURE_TABLES = List.of("house", "building", "enterprise", "place");

  private final Pool pool;

  public GridRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Map<String, Geometry>> communities(Collection<String> codes) {
    return pool.preparedQuery(GridSql.COMMUNITIES).execute(Tuple.of(codes.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Geometry> found = new HashMap<>();
          rows.forEach(r -> found.put(r.getString(0), wkb(r.getBuffer(1))));
          return found;
        });
  }

  Future<List<ImportedGrid>> gridsOf(Collection<String> communities) {
    return pool.preparedQuery(GridSql.GRIDS_OF_COMMUNITIES).execute(Tuple.of(communities.toArray(String[]::new)))
        .map(rows -> {
          List<ImportedGrid> grids = new ArrayList<>();
          rows.forEach(r -> grids.add(new ImportedGrid(r.getString(0), r.getString(1), wkb(r.getBuffer(2)), "stored")));
          return grids;
        });
  }

  /** Writes the grids (insert or replace by code) and re-assigns the features of their communities by position. */
  Future<Reassigned> upsert(List<ImportedGrid> grids) {
    List<Tuple> rows = grids.stream().map(g -> Tuple.of(g.code(), g.name(), wkb(g.geometry()))).toList();
    String[] communities = grids.stream().map(ImportedGrid::communityCode).distinct().toArray(String[]::new);
    return pool.withTransaction(conn -> conn.preparedQuery(GridSql.UPSERT_GRID).executeBatch(rows)
            .compose(done -> conn.preparedQuery("SELECT code FROM grid.unit_grid WHERE community_code = ANY ($1)")
                .execute(Tuple.of((Object) communities)))
            .compose(codes -> reassign(conn, codeArray(codes))))
        .recover(GridRepository::translate);
  }

  /** Cuts grid {@code code} by {@code line}: the larger piece keeps the code, the other becomes {@code newCode}. */
  Future<GridChange> split(String code, Geometry line, String newCode, String newName) {
    return pool.withTransaction(conn -> lockOne(conn, code)
            .compose(community -> pieces(conn, code, line)
                .compose(p -> conn.preparedQuery(GridSql.INSERT_GRID).execute(Tuple.of(newCode, community, newName, wkb(p.get(1))))
                    .compose(v -> conn.preparedQuery(GridSql.SET_GEOMETRY).execute(Tuple.of(code, wkb(p.get(0)))))))
            .compose(v -> reassign(conn, new String[] {code, newCode}))
            .map(moved -> new GridChange(code, newCode, moved)))
        .recover(GridRepository::translate);
  }

  private Future<List<Geometry>> pieces(SqlConnection conn, String code, Geometry line) {
    return conn.preparedQuery(GridSql.SPLIT_PIECES).execute(Tuple.of(code, wkb(line))).compose(rows -> {
      if (rows.size() != 2) {
        return Future.failedFuture(GeoException.invalid("split-line-invalid",
            "分割线应恰好把网格分成两部分（实际 " + rows.size() + " 部分）",
            "the line must cut the grid into exactly two parts, it makes " + rows.size(),
            new JsonObject().put("code", code).put("parts", rows.size())));
      }
      List<Geometry> parts = new ArrayList<>();
      rows.forEach(r -> parts.add(wkb(r.getBuffer(0))));
      return Future.succeededFuture(parts);
    });
  }

  /** Grid {@code keep} absorbs the adjacent grid {@code absorb} of the same community and its features. */
  Future<GridChange> merge(String keep, String absorb, Function<SqlConnection, Future<Void>> alsoInTransaction) {
    return pool.withTransaction(conn -> lockPair(conn, keep, absorb)
            .compose(v -> conn.preparedQuery(GridSql.SHARED_DIMENSION).execute(Tuple.of(keep, absorb)))
            .compose(dim -> requireAdjacent(dim, keep, absorb))
            .compose(v -> conn.preparedQuery(GridSql.ABSORB).execute(Tuple.of(keep, absorb)))
            .compose(v -> moveAll(conn, keep, absorb))
            .compose(moved -> alsoInTransaction.apply(conn).map(moved))
            .compose(moved -> conn.preparedQuery(GridSql.DELETE_GRID).execute(Tuple.of(absorb))
                .map(v -> new GridChange(keep, absorb, moved))))
        .recover(GridRepository::translate);
  }

  private Future<String> lockOne(SqlConnection conn, String code) {
    return conn.preparedQuery(GridSql.LOCK_GRID).execute(Tuple.of(code)).compose(rows -> rows.size() == 1
        ? Future.succeededFuture(rows.iterator().next().getString(0))
        : Future.failedFuture(gridNotFound(code)));
  }

  private Future<Void> lockPair(SqlConnection conn, String keep, String absorb) {
    return conn.preparedQuery(GridSql.LOCK_PAIR).execute(Tuple.of((Object) new String[] {keep, absorb})).compose(rows -> {
      Map<String, String> community = new HashMap<>();
      rows.forEach(r -> community.put(r.getString(0), r.getString(1)));
      for (String code : List.of(keep, absorb)) {
        if (!community.containsKey(code)) {
          return Future.failedFuture(gridNotFound(code));
        }
      }
      return community.get(keep).equals(community.get(absorb)) ? Future.succeededFuture()
          : Future.failedFuture(GeoException.conflict("grids-not-same-community", "只能合并同一社区的网格",
              "only grids of the same community can be merged", new JsonObject().put("codes", List.of(keep, absorb))));
    });
  }

  private static Future<Void> requireAdjacent(RowSet<Row> dim, String keep, String absorb) {
    Integer d = dim.size() == 0 ? null : dim.iterator().next().getInteger(0);
    return d != null && d >= 1 ? Future.succeededFuture() : Future.failedFuture(GeoException.conflict("grids-not-adjacent",
        "网格 " + keep + " 与 " + absorb + " 不相邻（没有公共边界）", "grids " + keep + " and " + absorb + " share no boundary",
        new JsonObject().put("codes", List.of(keep, absorb))));
  }

  /** Moves the features of grids {@code codes} to whichever of them contains each. */
  private static Future<Reassigned> reassign(SqlConnection conn, String[] codes) {
    return perTable(conn, GridSql::reassign, Tuple.of((Object) codes));
  }

  private static Future<Reassigned> moveAll(SqlConnection conn, String keep, String absorb) {
    return perTable(conn, GridSql::moveAll, Tuple.of(keep, absorb));
  }

  /** Runs a counting statement on every feature table, one after the other on the transaction's connection. */
  private static Future<Reassigned> perTable(SqlConnection conn, java.util.function.Function<String, String> sql, Tuple params) {
    Future<int[]> counts = Future.succeededFuture(new int[FEATURE_TABLES.size()]);
    for (int i = 0; i < FEATURE_TABLES.size(); i++) {
      int slot = i;
      counts = counts.compose(c -> conn.preparedQuery(sql.apply(FEATURE_TABLES.get(slot))).execute(params)
          .map(rows -> store(c, slot, rows)));
    }
    return counts.map(c -> new Reassigned(c[0], c[1], c[2], c[3]));
  }

  private static int[] store(int[] counts, int slot, RowSet<Row> rows) {
    counts[slot] = rows.iterator().next().getInteger(0);
    return counts;
  }

  private static String[] codeArray(RowSet<Row> rows) {
    List<String> codes = new ArrayList<>();
    rows.forEach(r -> codes.add(r.getString(0)));
    return codes.toArray(String[]::new);
  }

  static GeoException gridNotFound(String code) {
    return GeoException.notFound("grid-not-found", "网格不存在：" + code, "no such grid: " + code, new JsonObject().put("code", code));
  }

  /** SQLSTATEs, once: 23505 the code exists, 23503 still referenced, 23514 a check (code/community) failed. */
  static <T> Future<T> translate(Throwable failure) {
    if (!(failure instanceof PgException pg)) {
      return Future.failedFuture(failure);
    }
    JsonObject details = new JsonObject().put("constraint", pg.getConstraint());
    return Future.failedFuture(switch (pg.getSqlState()) {
      case "23505" -> GeoException.conflict("grid-exists", "网格编码已存在", "a grid with this code already exists", details);
      case "23503" -> GeoException.conflict("grid-in-use", "网格仍被其他数据引用", "the grid is still referenced by other data", details);
      case "23514" -> GeoException.invalid("grid-code-invalid", "网格编码与所属社区不符", "the grid code does not match its community", details);
      default -> failure;
    });
  }

  static Buffer wkb(Geometry g) {
    return Buffer.buffer(new WKBWriter().write(g));
  }

  static Geometry wkb(Buffer b) {
    try {
      Geometry g = new WKBReader(GridFeatures.CGCS2000).read(b.getBytes());
      g.setSRID(4490);
      return g;
    } catch (ParseException e) {
      throw new IllegalStateException("PostGIS returned unreadable WKB", e);
    }
  }
}
