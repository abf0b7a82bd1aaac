package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.portrait.PortraitSql;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Portrait by ID number at 32 concurrent clients: over HTTP as the demo supervisor with purpose
 * "case" (so ID number and phone are decrypted, names masked, every read written to the access
 * log), against pgbench running the very statement the server runs ({@link PortraitSql#PERSON})
 * with the same scope, over the same sample of persons; both in their steady state and taking turns
 * ({@link Turns}).
 */
final class PortraitBench {
  record Result(double pgPerSecond, Stats pg, double httpPerSecond, Stats http) {}

  static final int SAMPLE = 5000;
  /** pgbench and HTTP take turns, seconds / ROUNDS each per round. */
  private static final int ROUNDS = 4;

  private final GridConfig config;
  private final List<String> idNumbers = new ArrayList<>();
  private String[] scope;
  private String[] paths;
  private byte[][] expected;

  PortraitBench(GridConfig config) {
    this.config = config;
  }

  /** Persons living in the supervisor's street, their clear ID numbers, and their blind indexes in bench.portrait_ids. */
  void prepare() throws Exception {
    DbConfig db = config.db();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("""
          SELECT array_agg(sc.node_code || '%') FROM auth.account_scope sc JOIN auth.account a ON a.id = sc.account_id
          WHERE a.username = 'supervisor'""")) {
        rs.next();
        scope = (String[]) rs.getArray(1).getArray();
      }
      s.execute("CREATE SCHEMA IF NOT EXISTS bench");
      s.execute("DROP TABLE IF EXISTS bench.portrait_ids");
      s.execute("CREATE TABLE bench.portrait_ids (n int PRIMARY KEY, bidx text NOT NULL)");
      s.execute("SELECT setseed(0.42)");
      try (PreparedStatement q = c.prepareStatement("""
              SELECT p.id_number_enc, p.id_number_bidx FROM grid.person p
              WHERE p.merged_into IS NULL AND p.id_number_enc IS NOT NULL AND EXISTS (SELECT 1 FROM grid.residence r
                JOIN grid.house h ON h.id = r.house_id WHERE r.person_id = p.id AND r.until IS NULL AND h.grid_code LIKE ANY (?))
              ORDER BY random() LIMIT ?""");
           PreparedStatement insert = c.prepareStatement("INSERT INTO bench.portrait_ids (n, bidx) VALUES (?, ?)")) {
        q.setArray(1, c.createArrayOf("text", scope));
        q.setInt(2, SAMPLE);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            idNumbers.add(new String(config.dataKeys().keyRing().open(rs.getBytes(1),
                "grid.person.id_number".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            insert.setInt(1, idNumbers.size());
            insert.setString(2, rs.getString(2));
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      s.execute("ANALYZE bench.portrait_ids");
    }
    if (idNumbers.size() < SAMPLE) {
      throw new IllegalStateException("only " + idNumbers.size() + " persons in the supervisor's scope");
    }
    System.out.printf("portrait sample: %,d persons in %s%n", idNumbers.size(), String.join(",", scope));
  }

  /**
   * The server's statement for pgbench: the blind index comes from the sample table (an index
   * lookup inside the same statement), the supervisor's scope and no department as literals.
   */
  String pgbenchScript() {
    String array = "'{" + String.join(",", scope) + "}'::text[]";
    return "\\set n random(1, " + idNumbers.size() + ")\n"
        + PortraitSql.PERSON.replace("$1", "(SELECT bidx FROM bench.portrait_ids WHERE n = :n)")
            .replace("$2", array).replace("$3", "NULL::text").strip() + ";\n";
  }

  /**
   * The backend warmed until its JIT is quiet, one client for the unloaded latency, then pgbench and
   * HTTP taking turns ({@link Turns}), {@code seconds} measured on each side in all.
   */
  Result run(int port, String supervisorToken, int clients, int seconds) throws Exception {
    PgBench pg = new PgBench(config.db());
    List<String> script = List.of(pgbenchScript());
    int n = idNumbers.size();
    try (HttpLoad load = new HttpLoad(port, clients, supervisorToken)) {
      Turns.warmUp(s -> portraits(load, clients, s, n));
      Stats single = new Stats(portraits(load, 1, 3, n).nanos());
      System.out.printf("HTTP, one client: p50 %s ms, p99 %s ms%n", Stats.fmt(single.ms(0.5)), Stats.fmt(single.ms(0.99)));
      Turns.Measured turns = Turns.alternate(ROUNDS, seconds / ROUNDS,
          (s, warmup) -> pg.run(script, Map.of(), clients, 2, s, warmup), s -> portraits(load, clients, s, n));
      Result r = new Result(turns.sql().tps(), new Stats(turns.sql().nanos()), turns.http().perSecond(),
          new Stats(turns.http().nanos()));
      System.out.printf("pgbench: %,.0f tx/s %s%n", r.pgPerSecond(), Turns.latencies(r.pg()));
      System.out.printf("HTTP:    %,.0f portraits/s %s%n", r.httpPerSecond(), Turns.latencies(r.http()));
      System.out.println(turns.cpu("portrait"));
      return r;
    }
  }

  /**
   * Each answer must carry the asked-for ID number in clear (purpose "case" allows a supervisor that).
   * Paths and the expected bytes are built once: the client shares the server's cores, and decoding
   * every body into a String to search it was a visible part of the JVM's CPU.
   */
  private HttpLoad.Result portraits(HttpLoad load, int clients, int seconds, int n) throws Exception {
    if (paths == null) {
      paths = idNumbers.stream().map(id -> "/api/v1/persons/" + id + "?purpose=case").toArray(String[]::new);
      expected = idNumbers.stream().map(id -> ("\"idNumber\":\"" + id + "\"").getBytes(StandardCharsets.UTF_8))
          .toArray(byte[][]::new);
    }
    return load.run(clients, seconds, i -> paths[Math.floorMod(i, n)], (i, body) ->
        ByteBufUtil.indexOf(Unpooled.wrappedBuffer(expected[Math.floorMod(i, n)]), body.getByteBuf()) >= 0);
  }
}
