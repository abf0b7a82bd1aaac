package cn.citygrid.geo.tiles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.atomic.AtomicLong;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link TileCache} in step with changes made anywhere: LISTENs on
 * {@value #CHANNEL}, where the triggers of the backend migration {@code V13__tile_notify.sql} send
 * {@code {"table": "house", "bbox": [w, s, e, n]}} on every commit that changes a drawn table,
 * and drops the cached tiles that box touches; a house change adds {@code "grids": [w, s, e, n]},
 * the box of its grids, whose tiles change only where counts per grid are drawn (z ≤ 13). Notifications sent while the connection was down
 * are lost, so every (re)subscription drops the whole cache.
 */
public final class TileChangeListener {
  public static final String CHANNEL = "citygrid_tiles";
  private static final Logger LOG = LoggerFactory.getLogger(TileChangeListener.class);

  private final PgSubscriber subscriber;
  private final TileCache cache;
  private final AtomicLong received = new AtomicLong();
  private volatile java.util.function.Consumer<String> observer = payload -> { };

  public TileChangeListener(Vertx vertx, PgConnectOptions options, TileCache cache) {
    this.cache = cache;
    this.subscriber = PgSubscriber.subscriber(vertx, options)
        .reconnectPolicy(attempt -> Math.min(30_000L, 500L * (1L << Math.min(attempt, 6))));
  }

  /** Connects and listens; the future completes when LISTEN is in place. */
  public Future<Void> start() {
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> cache.invalidateAll())
        .handler(this::onNotification);
    return subscriber.connect();
  }

  public Future<Void> stop() {
    return subscriber.close();
  }

  /** Notifications handled so far. */
  public long received() {
    return received.get();
  }

  /** Called with each payload after the cache has been updated (metrics, tests). */
  public TileChangeListener onHandled(java.util.function.Consumer<String> observer) {
    this.observer = observer;
    return this;
  }

  private static Envelope box(JsonArray b) {
    return new Envelope(b.getDouble(0), b.getDouble(2), b.getDouble(1), b.getDouble(3));
  }

  void onNotification(String payload) {
    try {
      JsonObject change = new JsonObject(payload);
      int dropped = cache.invalidate(box(change.getJsonArray("bbox")));
      if (change.containsKey("grids")) { // a house change: its grids' counts are drawn up to this zoom
        dropped += cache.invalidate(box(change.getJsonArray("grids")), DefaultLayers.PER_GRID_MAX_ZOOM);
      }
      LOG.debug("tile change {}: dropped {} cached tiles", payload, dropped);
    } catch (RuntimeException e) {
      // an unreadable notice could be any change: forgetting everything is the safe answer
      LOG.warn("unreadable tile change notification, dropping the whole tile cache: {}", payload);
      cache.invalidateAll();
    }
    received.incrementAndGet();
    observer.accept(payload);
  }
}
