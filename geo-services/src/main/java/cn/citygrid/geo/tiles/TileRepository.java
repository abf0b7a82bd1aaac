package cn.citygrid.geo.tiles;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Draws tiles with one SQL query each (see {@link TileSql}); the only tile code touching the database. */
public final class TileRepository {
  /** A statement depends only on the layers and the zoom; the registry's layers give a few hundred at most. */
  private record Shape(List<TileLayer> layers, int z) {}

  private final Pool pool;
  // Built once per shape: assembling the statement (several kB) for every tile, and the client
  // hashing and comparing a new string against its prepared-statement cache, cost more than the lookup.
  private final Map<Shape, Optional<String>> statements = new ConcurrentHashMap<>();

  public TileRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The statement {@link #render} runs for {@code layers} at zoom {@code z} (parameters $1 z, $2 x,
   * $3 y, $4 scope LIKE patterns, $5 scope prefixes), for benchmarks that run the same SQL elsewhere.
   */
  public static Optional<String> sql(List<TileLayer> layers, int z) {
    return TileSql.forTile(layers, z);
  }

  /** The MVT bytes of {@code layers} at {@code tile} as {@code scope} sees them; empty when nothing is drawn. */
  public Future<Buffer> render(List<TileLayer> layers, TileCoord tile, TileScope scope) {
    Optional<String> sql = statements.computeIfAbsent(new Shape(layers, tile.z()), s -> TileSql.forTile(s.layers(), s.z()));
    if (sql.isEmpty()) {
      return Future.succeededFuture(Buffer.buffer());
    }
    Tuple params = Tuple.of(tile.z(), tile.x(), tile.y(), scope.likePatterns(), scope.prefixArray());
    return pool.preparedQuery(sql.get()).execute(params)
        .map(rows -> {
          Buffer tileBytes = rows.iterator().next().getBuffer(0);
          return tileBytes == null ? Buffer.buffer() : tileBytes;
        });
  }
}
