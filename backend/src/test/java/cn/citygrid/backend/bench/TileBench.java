package cn.citygrid.backend.bench;

import cn.citygrid.backend.App;
import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.geo.GeoModule;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.geo.tiles.LayerRegistry;
import cn.citygrid.geo.tiles.TileCoord;
import cn.citygrid.geo.tiles.TileRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.exception.FlywayValidateException;

/**
 * {@code ./grid bench tiles [import]}: vector tiles of the composite {@code city} layer at z14–16 on the
 * 1,000,000-person demo city, a 7 × 7 block of tiles per zoom around its densest z14 tile, 16
 * clients, as the administrator (whole city). A backend with the tile cache off (every request
 * draws: SQL, gzip, SHA-256) is warmed until its JIT is quiet; then pgbench running the same tile
 * SQL (after 2 s unmeasured on its new connections) and HTTP take turns, 3 rounds of 5 s each, so
 * both meet the same background load on this shared machine. Then a backend with a warm cache, and
 * revalidations answered 304. Runs on its own copy of {@code bench_grid_1000000}
 * ({@code bench_tiles_1000000}, kept between runs) because the GIS migrations add triggers the
 * other benchmarks must not pay for.
 */
public final class TileBench {
  private static final int PERSONS = 1_000_000;
  private static final int CLIENTS = 16;
  private static final int RADIUS = 3;
  private static final int SECONDS = 15;
  /** pgbench and uncached HTTP take turns (see {@link Turns}), SECONDS / ROUNDS each per round. */
  private static final int ROUNDS = 3;
  private static final List<Integer> ZOOMS = List.of(14, 15, 16);
  private static final String LAYER = LayerRegistry.COMPOSITE;

  private TileBench() {}

  public static void main(String[] args) throws Exception {
    System.out.println("== tile benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, load " + Turns.loadAverage() + ") ==");
    DbConfig template = TestDatabase.template();
    DbConfig db = template.withDatabase("bench_tiles_" + PERSONS);
    prepare(template, db);
    double[] centre = densestZ14(db);
    List<TileCoord> tiles = block(centre);
    System.out.printf("centre %.5f, %.5f; %d tiles (z%s, radius %d), %d clients, %d s per measure%n", centre[0], centre[1],
        tiles.size(), ZOOMS, RADIUS, CLIENTS, SECONDS);

    HttpLoad.Result uncached;
    PgBench.Result sql;
    GridConfig config = config(db, "0");
    try (App app = App.start(config); HttpLoad load = new HttpLoad(config.http().port(), CLIENTS, token(config))) {
      Turns.warmUp(seconds -> uncached(load, tiles, seconds));
      Turns.Measured turns = Turns.alternate(ROUNDS, SECONDS / ROUNDS,
          (seconds, warmup) -> new PgBench(db).run(pgbenchScripts(centre), Map.of("patterns", "{%}", "prefixes", "{}"),
              CLIENTS, 2, seconds, warmup),
          seconds -> uncached(load, tiles, seconds));
      sql = turns.sql();
      uncached = turns.http();
      System.out.println(turns.cpu("tile"));
    }
    Stats sqlStats = new Stats(sql.nanos());
    System.out.println("pgbench: " + Stats.fmt(sql.tps()) + " tiles/s " + Turns.latencies(sqlStats));
    System.out.println("HTTP uncached: " + rate(uncached));
    HttpLoad.Result[] cached = cachedAnd304(db, tiles);
    System.out.println("HTTP cached: " + rate(cached[0]) + "; 304: " + rate(cached[1]));

    double up = uncached.perSecond();
    double p95 = new Stats(uncached.nanos()).ms(0.95);
    List<String> table = List.of(
        row("tile SQL in pgbench (same statement)", Stats.fmt(sql.tps()) + " tiles/s " + Turns.latencies(sqlStats), "—", "—", "—"),
        row("HTTP uncached (SQL + gzip + ETag)", rate(uncached), "pgbench " + Stats.fmt(sql.tps()) + " /s", "≥ 0.8×",
            verdict(up / sql.tps(), 0.8)),
        row("HTTP uncached p95 latency", Stats.fmt(p95) + " ms", "pgbench p95 " + Stats.fmt(sqlStats.ms(0.95)) + " ms", "≤ 1.25×",
            atMost(p95 / sqlStats.ms(0.95), 1.25)),
        row("HTTP cached", rate(cached[0]), "uncached " + Stats.fmt(up) + " /s", "≥ 10×", verdict(cached[0].perSecond() / up, 10)),
        row("HTTP 304 (If-None-Match)", rate(cached[1]), "uncached " + Stats.fmt(up) + " /s", "≥ 20×", verdict(cached[1].perSecond() / up, 20)));
    List<String> rows = new ArrayList<>(table);
    if (List.of(args).contains("import")) {
      rows.addAll(importCost(template, db));
    }
    System.out.println();
    System.out.println("| measure | figure | baseline (same run) | target | ratio / verdict |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println("load average at the end: " + Turns.loadAverage());
  }

  /**
   * {@code ./grid bench tiles import}: what the GIS triggers (per-grid statistics, tile NOTIFY)
   * cost a 200,000-row department import — the grid bench's import on two fresh copies of the
   * tiles city, one with the triggers and one without, each against a raw COPY of the same file.
   */
  private static List<String> importCost(DbConfig template, DbConfig db) throws Exception {
    List<String> rows = new ArrayList<>();
    double[] perSecond = new double[2];
    for (int withTriggers = 1; withTriggers >= 0; withTriggers--) {
      DbConfig copy = template.withDatabase("bench_tiles_import");
      System.out.println("copying the city for the import (thrown away afterwards)…");
      BigCity.recreate(copy, db.database());
      try {
        if (withTriggers == 0) {
          dropGisTriggers(copy);
        }
        ImportBench.Result r = new ImportBench(config(copy, "0")).run(200_000);
        perSecond[withTriggers] = r.importPerSecond();
        double ratio = r.importPerSecond() / r.copyPerSecond();
        rows.add(row("import 200,000 公安 rows, GIS triggers " + (withTriggers == 1 ? "on" : "off"),
            Stats.fmt(r.importPerSecond()) + " rows/s", "raw COPY " + Stats.fmt(r.copyPerSecond()) + " rows/s", "≥ 0.25×",
            verdict(ratio, 0.25)));
      } finally {
        BigCity.drop(copy);
      }
    }
    System.out.printf("GIS triggers: import at %.2f× of the same import without them%n", perSecond[1] / perSecond[0]);
    return rows;
  }

  /** Drops the triggers of V12-V14 (statistics and tile NOTIFY), leaving every other trigger. */
  private static void dropGisTriggers(DbConfig db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute("""
          DO $$
          DECLARE t record;
          BEGIN
            FOR t IN SELECT tg.tgname, n.nspname, cl.relname FROM pg_trigger tg
                JOIN pg_class cl ON cl.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE NOT tg.tgisinternal AND tg.tgname ~ '_(stats|tiles)_(ins|upd|del|truncate)$'
            LOOP
              EXECUTE format('DROP TRIGGER %I ON %I.%I', t.tgname, t.nspname, t.relname);
            END LOOP;
          END $$""");
    }
  }

  /**
   * The tiles database: a file copy of {@code bench_grid_1000000} when that exists and ours does
   * not, else built by {@link BigCity}; then migrated (the copy gains the GIS migrations only).
   * A copy migrated by an older checkout can miss a migration numbered below ones it has (V11 came
   * after V12–V14 had been applied here); Flyway refuses to migrate it, so it is copied again.
   */
  private static void prepare(DbConfig template, DbConfig db) throws Exception {
    DbConfig source = template.withDatabase("bench_grid_" + PERSONS);
    if (!exists(db) && exists(source)) {
      copy(source, db);
    }
    try {
      BigCity.ensure(template, config(db, "0"), PERSONS);
    } catch (FlywayValidateException e) {
      if (!exists(source)) {
        throw e;
      }
      System.out.println(db.database() + " cannot be migrated (" + e.getMessage().lines().skip(1).findFirst().orElse("")
          + "): copying it again");
      copy(source, db);
      BigCity.ensure(template, config(db, "0"), PERSONS);
    }
  }

  private static void copy(DbConfig source, DbConfig db) throws Exception {
    System.out.println("copying " + source.database() + " to " + db.database() + " (once)…");
    BigCity.recreate(db, source.database());
  }

  private static boolean exists(DbConfig db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", db.user(),
        db.password()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db.database() + "'")) {
      return rs.next();
    }
  }

  /** The centre of the z14 tile holding the most houses: where a map of the city is busiest. */
  private static double[] densestZ14(DbConfig db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("""
             SELECT avg(ST_X(geom)), avg(ST_Y(geom)) FROM grid.house
             GROUP BY floor((ST_X(geom) + 180) / 360 * 16384),
                      floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * 16384)
             ORDER BY count(*) DESC LIMIT 1""")) {
      rs.next();
      return new double[] {rs.getDouble(1), rs.getDouble(2)};
    }
  }

  private static List<TileCoord> block(double[] centre) {
    List<TileCoord> tiles = new ArrayList<>();
    for (int z : ZOOMS) {
      TileCoord c = TileCoord.containing(centre[0], centre[1], z);
      for (int dx = -RADIUS; dx <= RADIUS; dx++) {
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
          tiles.add(new TileCoord(z, c.x() + dx, c.y() + dy));
        }
      }
    }
    return tiles;
  }

  /**
   * One script per zoom, a random tile of that zoom's block each, running the exact statement the
   * server prepares: the backend's layers (with quality, events and check-ins), not geo-services' built-in ones only.
   */
  private static List<String> pgbenchScripts(double[] centre) {
    List<String> scripts = new ArrayList<>();
    for (int z : ZOOMS) {
      TileCoord c = TileCoord.containing(centre[0], centre[1], z);
      String sql = TileRepository.sql(GeoModule.layers().resolve(LAYER), z).orElseThrow()
          .replace("$5", ":prefixes").replace("$4", ":patterns").replace("$3", ":y").replace("$2", ":x").replace("$1", ":z");
      scripts.add("\\set z " + z + "\n\\set x " + (c.x() - RADIUS) + " + random(0, " + 2 * RADIUS + ")\n\\set y "
          + (c.y() - RADIUS) + " + random(0, " + 2 * RADIUS + ")\n" + sql + ";\n");
    }
    return scripts;
  }

  /** Closed-loop HTTP load over the block on a backend whose tile cache holds nothing: every request draws its tile. */
  private static HttpLoad.Result uncached(HttpLoad load, List<TileCoord> tiles, int seconds) throws Exception {
    return load.run(CLIENTS, seconds, i -> ownTile(tiles, i), i -> Map.of("Accept-Encoding", "gzip"),
        (i, status, headers, body) -> status == 200 || status == 204);
  }

  /** With the default cache: warmed by one pass that also collects every ETag, then cached GETs, then revalidations. */
  private static HttpLoad.Result[] cachedAnd304(DbConfig db, List<TileCoord> tiles) throws Exception {
    GridConfig config = config(db, String.valueOf(64L << 20));
    try (App app = App.start(config); HttpLoad load = new HttpLoad(config.http().port(), CLIENTS, token(config))) {
      Map<Integer, String> etags = new HashMap<>();
      Http http = new Http("http://127.0.0.1:" + config.http().port(), java.net.http.HttpClient.Version.HTTP_1_1);
      String admin = token(config);
      for (int i = 0; i < tiles.size(); i++) {
        etags.put(i, http.getBytes(path(tiles, i), admin, Map.of("Accept-Encoding", "gzip")).header("ETag"));
      }
      HttpLoad.Result cached = load.run(CLIENTS, SECONDS, i -> path(tiles, i), i -> Map.of("Accept-Encoding", "gzip"),
          (i, status, headers, body) -> status == 200 || status == 204);
      HttpLoad.Result revalidated = load.run(CLIENTS, SECONDS, i -> path(tiles, i),
          i -> Map.of("Accept-Encoding", "gzip", "If-None-Match", etags.get(Math.floorMod(i, tiles.size()))),
          (i, status, headers, body) -> status == 304);
      return new HttpLoad.Result[] {cached, revalidated};
    }
  }

  /**
   * The i-th request of the uncached phase, from its client's own share of the block (tiles c,
   * c + 16, c + 32 … for client c; HttpLoad numbers client c's requests from c × 1,000,003). Shared
   * tiles would let concurrent requests for one tile share one query (TileService does that), and
   * clients that once met would stay in step: the first runs measured 1.5× pgbench that way.
   */
  private static String ownTile(List<TileCoord> tiles, int i) {
    int client = i / 1_000_003;
    int share = (tiles.size() - client + CLIENTS - 1) / CLIENTS;
    return path(tiles, client + CLIENTS * ((i % 1_000_003) % share));
  }

  private static String path(List<TileCoord> tiles, int i) {
    return "/api/v1/tiles/" + LAYER + "/" + tiles.get(Math.floorMod(i, tiles.size())) + ".mvt";
  }

  private static String token(GridConfig config) {
    return new Http("http://127.0.0.1:" + config.http().port()).login("admin", GridBench.PASSWORD);
  }

  private static String rate(HttpLoad.Result r) {
    return Stats.fmt(r.perSecond()) + " tiles/s " + Turns.latencies(new Stats(r.nanos()));
  }

  private static String verdict(double ratio, double target) {
    return String.format("%.2f× %s", ratio, ratio >= target ? "MET" : "MISSED");
  }

  private static String atMost(double ratio, double target) {
    return String.format("%.2f× %s", ratio, ratio <= target ? "MET" : "MISSED");
  }

  private static String row(String what, String figure, String baseline, String target, String verdict) {
    return "| " + what + " | " + figure + " | " + baseline + " | " + target + " | " + verdict + " |";
  }

  /** Two HTTP instances on one fixed port, a pool as large as the clients, {@code cacheBytes} of tile cache. */
  private static GridConfig config(DbConfig db, String cacheBytes) throws java.io.IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    return ProofBench.config(db, Map.of(ConfigKey.MODE, "demo", ConfigKey.HTTP_INSTANCES, "2", ConfigKey.HTTP_PORT,
        String.valueOf(port), ConfigKey.DB_POOL_SIZE, String.valueOf(CLIENTS), ConfigKey.TILES_CACHE_BYTES, cacheBytes));
  }
}
