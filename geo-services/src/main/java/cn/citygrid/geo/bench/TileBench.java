package cn.citygrid.geo.bench;

import cn.citygrid.geo.tiles.LayerRegistry;
import cn.citygrid.geo.tiles.TileCache;
import cn.citygrid.geo.tiles.TileConfig;
import cn.citygrid.geo.tiles.TileCoord;
import cn.citygrid.geo.tiles.TileRepository;
import cn.citygrid.geo.tiles.TileRoutes;
import cn.citygrid.geo.tiles.TileScope;
import cn.citygrid.geo.tiles.TileService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Tile throughput on a real database: the tile SQL alone, the HTTP handler path without cache,
 * with a warm cache, and revalidations answered 304. Tiles: a (2r+1)² block around a point at
 * each zoom. {@code ./grid bench tiles} can call {@link #main}; tests call {@link #run}.
 *
 * <pre>java cn.citygrid.geo.bench.TileBench postgresql://user:pass@host:5432/db [lon lat zooms radius rounds concurrency layer]</pre>
 */
public final class TileBench {
  /** Throughputs in tiles per second. */
  public record Result(int tiles, double sqlPerSecond, double uncachedPerSecond, double cachedPerSecond,
      double notModifiedPerSecond, long bytes) {
    public String report() {
      return String.format(Locale.ROOT, """
          tiles per round: %d (%d KiB of MVT)
          SQL only (TileRepository)       %8.0f tiles/s
          HTTP, uncached (SQL+gzip+ETag)  %8.0f tiles/s  (%.2f × SQL)
          HTTP, cached                    %8.0f tiles/s  (%.1f × uncached)
          HTTP, 304 revalidation          %8.0f tiles/s  (%.2f × cached)""",
          tiles, bytes / 1024, sqlPerSecond, uncachedPerSecond, uncachedPerSecond / sqlPerSecond,
          cachedPerSecond, cachedPerSecond / uncachedPerSecond, notModifiedPerSecond, notModifiedPerSecond / cachedPerSecond);
    }
  }

  /** What to measure. */
  public record Plan(double lon, double lat, List<Integer> zooms, int radius, int rounds, int concurrency, String layer) {
    public List<TileCoord> tiles() {
      List<TileCoord> tiles = new ArrayList<>();
      for (int z : zooms) {
        TileCoord c = TileCoord.containing(lon, lat, z);
        for (int dx = -radius; dx <= radius; dx++) {
          for (int dy = -radius; dy <= radius; dy++) {
            tiles.add(new TileCoord(z, c.x() + dx, c.y() + dy));
          }
        }
      }
      return tiles;
    }
  }

  private TileBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: TileBench postgresql://user:pass@host:port/db [lon lat zooms(14,15,16) radius rounds concurrency layer]");
      System.exit(2);
    }
    java.net.URI uri = java.net.URI.create(args[0]);
    String[] user = uri.getUserInfo() == null ? new String[] {"citygrid"} : uri.getUserInfo().split(":", 2);
    PgConnectOptions db = new PgConnectOptions().setHost(uri.getHost()).setPort(uri.getPort() < 0 ? 5432 : uri.getPort())
        .setDatabase(uri.getPath().substring(1)).setUser(user[0])
        .setPassword(user.length > 1 ? user[1] : System.getenv().getOrDefault("GRID_DB_PASSWORD", ""))
        .setCachePreparedStatements(true);
    Plan plan = new Plan(arg(args, 1, 114.0596), arg(args, 2, 22.5430),
        args.length > 3 ? java.util.Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList() : List.of(14, 15, 16),
        (int) arg(args, 4, 2), (int) arg(args, 5, 3), (int) arg(args, 6, 8), args.length > 7 ? args[7] : LayerRegistry.COMPOSITE);
    Vertx vertx = Vertx.vertx();
    try {
      Result r = run(vertx, db, plan).toCompletionStage().toCompletableFuture().get();
      System.out.println(r.report());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static double arg(String[] args, int i, double fallback) {
    return args.length > i ? Double.parseDouble(args[i]) : fallback;
  }

  /** Runs the four measurements one after the other (never call it on an event loop and wait). */
  public static Future<Result> run(Vertx vertx, PgConnectOptions db, Plan plan) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.max(4, plan.concurrency()))).connectingTo(db)
        .using(vertx).build();
    LayerRegistry registry = LayerRegistry.withDefaults();
    TileRepository repository = new TileRepository(pool);
    // a zero-byte cache keeps nothing, so the "uncached" routes draw every tile
    TileService uncached = new TileService(vertx, registry, repository, new TileCache(0));
    TileService cached = new TileService(vertx, registry, repository, new TileCache(256L << 20));
    Router router = Router.router(vertx);
    new TileRoutes(vertx, uncached, ctx -> TileScope.ALL, new TileConfig("/nocache", null, 0, 0, TileConfig.WORLD)).mount(router);
    new TileRoutes(vertx, cached, ctx -> TileScope.ALL, new TileConfig("/tiles", null, 0, 0, TileConfig.WORLD)).mount(router);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(server -> new Measurement(vertx, pool, server, plan).all()
            .eventually(() -> server.close()))
        .eventually(() -> pool.close());
  }

  /** The four timed loops over one server. */
  private static final class Measurement {
    private final Pool pool;
    private final WebClient http;
    private final HttpServer server;
    private final Plan plan;
    private final List<TileCoord> tiles;
    private final String[] etags;
    private long bytes;

    Measurement(Vertx vertx, Pool pool, HttpServer server, Plan plan) {
      this.pool = pool;
      this.http = WebClient.create(vertx);
      this.server = server;
      this.plan = plan;
      this.tiles = plan.tiles();
      this.etags = new String[tiles.size()];
    }

    Future<Result> all() {
      TileRepository repository = new TileRepository(pool);
      LayerRegistry registry = LayerRegistry.withDefaults();
      int n = tiles.size() * plan.rounds();
      // warm-up: class loading of the HTTP client and server (one request, nothing else running),
      // prepared statements and the first touch of table pages must not count
      return get("/tiles", 0, null).compose(first -> timed(tiles.size(), i -> repository.render(registry.resolve(plan.layer()), tile(i), TileScope.ALL)
              .onSuccess(b -> bytes += b.length())))
          .compose(warm -> timed(n, i -> repository.render(registry.resolve(plan.layer()), tile(i), TileScope.ALL)))
          .compose(sql -> timed(tiles.size(), i -> get("/nocache", i, null)).map(warm -> sql)) // warm the HTTP path
          .compose(sql -> timed(n, i -> get("/nocache", i, null)).map(unc -> new double[] {sql, unc}))
          .compose(r -> timed(tiles.size(), i -> get("/tiles", i, null).onSuccess(tag -> etags[i] = tag)).map(warm -> r))
          .compose(r -> timed(n, i -> get("/tiles", i, null)).map(c -> new double[] {r[0], r[1], c}))
          .compose(r -> timed(n, i -> get("/tiles", i, etags[i % tiles.size()])).map(nm ->
              new Result(tiles.size(), r[0], r[1], r[2], nm, bytes)))
          .eventually(() -> {
            http.close();
            return Future.succeededFuture();
          });
    }

    private TileCoord tile(int i) {
      return tiles.get(i % tiles.size());
    }

    private Future<String> get(String base, int i, String etag) {
      TileCoord t = tile(i);
      var req = http.get(server.actualPort(), "127.0.0.1", base + "/" + plan.layer() + "/" + t + ".mvt")
          .putHeader("Accept-Encoding", "gzip");
      if (etag != null) {
        req.putHeader("If-None-Match", etag);
      }
      return req.send().map(r -> {
        int expected = etag == null ? (r.statusCode() == 204 ? 204 : 200) : 304;
        if (r.statusCode() != expected) {
          throw new IllegalStateException(t + ": HTTP " + r.statusCode() + ", expected " + expected);
        }
        return r.getHeader("ETag");
      });
    }

    /** Runs op(0..n-1) with plan.concurrency() in flight; the result is operations per second. */
    private Future<Double> timed(int n, IntFunction<Future<?>> op) {
      if (n == 0) {
        return Future.succeededFuture(0.0);
      }
      Promise<Double> done = Promise.promise();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      long start = System.nanoTime();
      Runnable[] launch = new Runnable[1];
      launch[0] = () -> {
        int i = next.getAndIncrement();
        if (i >= n) {
          return;
        }
        op.apply(i).onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
          } else if (finished.incrementAndGet() == n) {
            done.tryComplete(n / ((System.nanoTime() - start) / 1e9));
          } else {
            launch[0].run();
          }
        });
      };
      for (int c = 0; c < Math.min(plan.concurrency(), n); c++) {
        launch[0].run();
      }
      return done.future();
    }
  }
}
