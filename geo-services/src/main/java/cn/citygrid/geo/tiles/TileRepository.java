package cn.citygrid.geo.tiles;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** Draws tiles with one SQL query each (see {@link TileSql}); the only tile code touching the database. */
public final class TileRepository {
  private final Pool pool;

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
    Optional<String> sql = TileSql.forTile(layers, tile.z());
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
