package cn.citygrid.backend.bench;

import cn.citygrid.backend.App;
import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./grid bench grid [portrait] [graph] [import]}: on the 1,000,000-person demo city —
 * portraits by ID number over HTTP against pgbench running the same SQL (32 clients each), 3-hop
 * graph neighbourhoods, and a 200,000-row department import against a raw COPY of the same file;
 * printed with ratios. No parts named: all three. {@code rows=N} imports N rows instead (for quicker
 * rounds while working on the pipeline; the figure to report is the 200,000-row one).
 */
public final class GridBench {
  static final String PASSWORD = "Demo@2026";
  private static final int PERSONS = 1_000_000;
  private static final int CLIENTS = 32;

  private GridBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    Set<String> named = new HashSet<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        options.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else {
        named.add(arg);
      }
    }
    Set<String> parts = named.isEmpty() ? Set.of("portrait", "graph", "import") : named;
    int importRows = Integer.parseInt(options.getOrDefault("rows", "200000"));
    System.out.println("== grid benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, load "
        + Turns.loadAverage() + ") ==");
    DbConfig template = TestDatabase.template();
    GridConfig config = config(template.withDatabase("bench_grid_" + PERSONS));
    BigCity.ensure(template, config, PERSONS);

    List<String> table = new ArrayList<>();
    if (parts.contains("portrait") || parts.contains("graph")) {
      PortraitBench portraits = new PortraitBench(config);
      try (App app = App.start(config)) {
        Http http = new Http("http://127.0.0.1:" + app.port());
        if (parts.contains("portrait")) {
          portraits.prepare();
          PortraitBench.Result r = portraits.run(app.port(), http.login("supervisor", PASSWORD), CLIENTS, 20);
          double throughput = r.httpPerSecond() / r.pgPerSecond();
          double tail = r.http().ms(0.99) / r.pg().ms(0.99);
          table.add(row("portrait by ID, 32 clients, throughput", Stats.fmt(r.httpPerSecond()) + " /s",
              "pgbench " + Stats.fmt(r.pgPerSecond()) + " /s", "≥ 0.7×", verdict(throughput, throughput >= 0.7)));
          table.add(row("portrait by ID, 32 clients, p99", Turns.latencies(r.http()),
              "pgbench " + Turns.latencies(r.pg()), "≤ 2×", verdict(tail, tail <= 2)));
        }
        if (parts.contains("graph")) {
          Stats graph = graph(config, http, http.login("admin", PASSWORD), 1000);
          table.add(row("3-hop graph neighbourhood p99", Stats.fmt(graph.ms(0.99)) + " ms (p50 " + Stats.fmt(graph.ms(0.5))
              + ", " + graph.count() + " requests)", "—", "≤ 100 ms", graph.ms(0.99) <= 100 ? "MET" : "MISSED"));
        }
      }
    }
    if (parts.contains("import")) {
      // Named after this process: two engineers benchmarking at once must not drop each other's copy.
      DbConfig copy = template.withDatabase("bench_grid_import_" + ProcessHandle.current().pid());
      System.out.println("copying the city for the import (thrown away afterwards)…");
      BigCity.recreate(copy, config.db().database());
      try {
        ImportBench.Result r = new ImportBench(config(copy)).run(importRows);
        double ratio = r.importPerSecond() / r.copyPerSecond();
        table.add(row(String.format("import %,d 公安 rows (standardise+validate+resolve+survive)", importRows), Stats.fmt(r.importPerSecond())
            + " rows/s", "raw COPY " + Stats.fmt(r.copyPerSecond()) + " rows/s", "≥ 0.25×", verdict(ratio, ratio >= 0.25)));
      } finally {
        BigCity.drop(copy);
      }
    }
    System.out.println();
    System.out.println("| measure | figure | baseline (same run) | target | ratio / verdict |");
    System.out.println("|---|---|---|---|---|");
    table.forEach(System.out::println);
    System.out.println("load average at the end: " + Turns.loadAverage());
  }

  private static String verdict(double ratio, boolean met) {
    return String.format("%.2f× %s", ratio, met ? "MET" : "MISSED");
  }

  private static String row(String what, String figure, String baseline, String target, String verdict) {
    return "| " + what + " | " + figure + " | " + baseline + " | " + target + " | " + verdict + " |";
  }

  /**
   * 3-hop neighbourhoods, one request at a time, as the admin with purpose "case": started from
   * persons who hold enterprise roles (the interesting, heavier case) and from random residents.
   */
  private static Stats graph(GridConfig config, Http http, String admin, int requests) throws Exception {
    List<Long> starts = new ArrayList<>();
    DbConfig db = config.db();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("""
             (SELECT DISTINCT person_id FROM grid.person_enterprise ORDER BY person_id LIMIT 600)
             UNION ALL (SELECT id FROM grid.person TABLESAMPLE SYSTEM (0.1) REPEATABLE (7) WHERE merged_into IS NULL LIMIT 400)""")) {
      while (rs.next()) {
        starts.add(rs.getLong(1));
      }
    }
    Collections.shuffle(starts, new Random(3));
    long[] nanos = new long[requests];
    long nodes = 0;
    for (int i = -100; i < requests; i++) {
      long person = starts.get(Math.floorMod(i, starts.size()));
      long t0 = System.nanoTime();
      Http.Response r = http.get("/api/v1/graph/neighbourhood?person=" + person + "&hops=3&purpose=case", admin);
      long t = System.nanoTime() - t0;
      if (r.status() != 200) {
        throw new IllegalStateException("graph refused for person " + person + ": " + r.body());
      }
      if (i >= 0) {
        nanos[i] = t;
        nodes += r.json().getJsonArray("nodes").size();
      }
    }
    Stats stats = new Stats(nanos);
    System.out.printf("graph: %d 3-hop neighbourhoods, %.1f nodes on average, p50 %s ms, p99 %s ms%n", requests,
        nodes / (double) requests, Stats.fmt(stats.ms(0.5)), Stats.fmt(stats.ms(0.99)));
    return stats;
  }

  /** Two HTTP instances (one per core) on one fixed port: with port 0 each instance would listen on its own. */
  private static GridConfig config(DbConfig db) throws java.io.IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    return ProofBench.config(db, Map.of(ConfigKey.MODE, "demo", ConfigKey.HTTP_INSTANCES, "2", ConfigKey.HTTP_PORT,
        String.valueOf(port), ConfigKey.DB_POOL_SIZE, String.valueOf(CLIENTS)));
  }
}
