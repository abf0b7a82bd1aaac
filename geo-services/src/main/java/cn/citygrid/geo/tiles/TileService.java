package cn.citygrid.geo.tiles;

import cn.citygrid.geo.tiles.TileCache.Key;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves encoded tiles: from the cache, else drawn by one SQL query, compressed and hashed on a
 * worker thread and cached. Concurrent requests for the same missing tile share one query.
 */
public final class TileService {
  private final Vertx vertx;
  private final LayerRegistry registry;
  private final TileRepository repository;
  private final TileCache cache;
  private final Map<Key, Future<EncodedTile>> inFlight = new ConcurrentHashMap<>();

  public TileService(Vertx vertx, LayerRegistry registry, TileRepository repository, TileCache cache) {
    this.vertx = vertx;
    this.registry = registry;
    this.repository = repository;
    this.cache = cache;
  }

  public LayerRegistry registry() {
    return registry;
  }

  public TileCache cache() {
    return cache;
  }

  /**
   * The tile {@code coord} of {@code layer} (a registered layer or {@link LayerRegistry#COMPOSITE})
   * as {@code scope} sees it. Fails with {@code layer-unknown} for an unknown layer.
   */
  public Future<EncodedTile> tile(String layer, TileCoord coord, TileScope scope) {
    List<TileLayer> layers;
    try {
      layers = registry.resolve(layer);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Key key = new Key(layer, scope.key(), coord.z(), coord.x(), coord.y());
    EncodedTile cached = cache.get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    Promise<EncodedTile> promise = Promise.promise();
    Future<EncodedTile> running = inFlight.putIfAbsent(key, promise.future());
    if (running != null) {
      return running;
    }
    draw(key, layers, coord, scope).onComplete(result -> {
      inFlight.remove(key);
      promise.handle(result);
    });
    return promise.future();
  }

  private Future<EncodedTile> draw(Key key, List<TileLayer> layers, TileCoord coord, TileScope scope) {
    long generation = cache.generation();
    return repository.render(layers, coord, scope)
        // gzip and SHA-256 of a large low-zoom tile take milliseconds: keep them off the event loop
        .compose(mvt -> vertx.executeBlocking(() -> EncodedTile.encode(mvt.getBytes()), false))
        .onSuccess(tile -> cache.put(key, tile, generation));
  }
}
