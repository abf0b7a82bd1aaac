package cn.citygrid.backend.geo;

import cn.citygrid.backend.auth.AuthService;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GeoSettings;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.geo.geoserver.GeoServerConfig;
import cn.citygrid.geo.geoserver.GeoServerPublisher;
import cn.citygrid.geo.geoserver.PublishedLayer;
import cn.citygrid.geo.gridtools.GridLookup;
import cn.citygrid.geo.gridtools.GridRepository;
import cn.citygrid.geo.gridtools.GridService;
import cn.citygrid.geo.tiles.LayerRegistry;
import cn.citygrid.geo.tiles.TileCache;
import cn.citygrid.geo.tiles.TileChangeListener;
import cn.citygrid.geo.tiles.TileConfig;
import cn.citygrid.geo.tiles.TileRepository;
import cn.citygrid.geo.tiles.TileService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GIS in the backend: vector tiles (one cache per node, shared by every HTTP verticle, kept
 * current by the database's NOTIFY), coordinate conversion, spatial look-ups, the grid tools and
 * GeoServer publishing, all from geo-services, behind our access checks and scopes.
 */
public record GeoModule(List<ApiRoute> routes, TileService tiles, TileChangeListener listener, GeoServerPublisher publisher,
    boolean publishAtStart) {
  private static final Logger LOG = LoggerFactory.getLogger(GeoModule.class);

  /** Blocking (reads the city's extent for TileJSON and the style): call once at start, off the event loops. */
  public static GeoModule build(Vertx vertx, DbConfig db, GeoSettings settings, Database database, MeterRegistry metrics,
      AuthService auth) throws Exception {
    Pool pool = database.pool();
    TileConfig tileConfig = new TileConfig(TileApi.BASE, settings.publicUrl(), settings.tileMaxAgeSeconds(),
        settings.tileCacheBytes(), CityBounds.read(pool), true); // HttpVerticle: setCompressionSupported(true)
    TileCache cache = new TileCache(settings.tileCacheBytes());
    TileService tiles = new TileService(vertx, layers(), new TileRepository(pool), cache);
    GeoServerPublisher publisher = new GeoServerPublisher(vertx, geoServer(settings.geoServer()));
    Access mapUsers = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.GRID_WORKER);
    GridEdits edits = new GridEdits(vertx, new GridService(vertx, new GridRepository(pool)), new GridEditRepository(pool), cache,
        account -> auth.revokeAll(account, "grid merged"));
    List<ApiRoute> routes = Stream.of(
            new TileApi(vertx, tiles, tileConfig).routes(mapUsers),
            new LookupRoutes(vertx, new GridLookup(pool), new GridDetails(pool)).routes(mapUsers),
            new GridEditRoutes(vertx, edits).routes(Access.roles(Role.ADMIN, Role.SUPERVISOR)),
            new GeoServerRoutes(publisher).routes())
        .flatMap(List::stream).toList();
    meter(cache, metrics);
    return new GeoModule(routes, tiles, new TileChangeListener(vertx, Database.connectOptions(db), cache), publisher,
        settings.geoServer().enabled());
  }

  /** The tile layers the backend serves: geo-services' built-in ones (grids with their workers), then quality, events and check-ins. */
  public static LayerRegistry layers() {
    return LayerRegistry.withDefaults().replace(GridsLayer.layer()).register(QualityLayer.layer()).register(FieldLayers.events())
        .register(FieldLayers.checkIns());
  }

  /**
   * LISTENs for tile changes (the future completes once LISTEN is in place, so a change committed
   * afterwards is heard), and publishes to GeoServer in the background when it is configured.
   */
  public Future<Void> start() {
    if (publishAtStart) {
      publisher.publish(PublishedLayer.defaults())
          .onSuccess(steps -> LOG.info("GeoServer: published ({})", steps))
          .onFailure(e -> LOG.warn("GeoServer: publishing failed: {}", e.getMessage()));
    }
    return listener.start();
  }

  public Future<Void> stop() {
    return listener.stop();
  }

  private static GeoServerConfig geoServer(GeoSettings.GeoServer g) {
    if (!g.enabled()) {
      return GeoServerConfig.disabled();
    }
    DbConfig db = g.db();
    GeoServerConfig d = GeoServerConfig.disabled();
    return new GeoServerConfig(g.url(), g.user(), g.password(), g.workspace(), d.datastore(),
        new GeoServerConfig.Database(db.host(), db.port(), db.database(), "grid", db.user(), db.password()),
        d.seedZoomStart(), d.seedZoomStop(), Duration.ofSeconds(30));
  }

  private static void meter(TileCache cache, MeterRegistry registry) {
    Gauge.builder("citygrid.tiles.cache.bytes", cache, TileCache::weightedBytes).register(registry);
    Gauge.builder("citygrid.tiles.cache.tiles", cache, TileCache::size).register(registry);
    FunctionCounter.builder("citygrid.tiles.cache.hits", cache, c -> c.stats().hitCount()).register(registry);
    FunctionCounter.builder("citygrid.tiles.cache.misses", cache, c -> c.stats().missCount()).register(registry);
  }
}
