package cn.citygrid.backend.bench;

import cn.citygrid.backend.App;
import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.config.Settings;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Receipts from a log of N leaves. The log is built once into its own database
 * ({@code bench_ledger_<N>}, kept between runs because building 2N nodes takes minutes), with a
 * sample of real record rows at random leaves; receipts are then fetched over HTTP one at a time
 * and each proof is checked against the signed root.
 */
final class ProofBench {
  record Result(double p50Ms, double p99Ms, int longestProof, int bound, boolean allWithinBound) {}

  Result run(long leaves, int requests) throws Exception {
    DbConfig template = TestDatabase.template();
    DbConfig db = template.withDatabase("bench_ledger_" + leaves);
    GridConfig config = config(db);
    if (!BigLog.ready(db, leaves)) {
      System.out.printf("building a %,d-leaf log (once; kept in database %s)…%n", leaves, db.database());
      BigLog.build(template, config, leaves);
    }
    try (App app = App.start(config)) {
      Http http = new Http("http://127.0.0.1:" + app.port());
      List<String[]> sample = sample(db);
      byte[] root = rootOf(http);
      Random random = new Random(1);
      for (int i = 0; i < 2000; i++) {
        fetch(http.base() + "/api/v1/ledger/records/" + sample.get(random.nextInt(sample.size()))[0] + "/receipt");
      }
      long[] nanos = new long[requests];
      int longest = 0;
      boolean within = true;
      int bound = 64 - Long.numberOfLeadingZeros(leaves - 1);
      for (int i = 0; i < requests; i++) {
        String[] pick = sample.get(random.nextInt(sample.size()));
        long start = System.nanoTime();
        String body = fetch(http.base() + "/api/v1/ledger/records/" + pick[0] + "/receipt");
        nanos[i] = System.nanoTime() - start;
        List<byte[]> proof = check(new JsonObject(body), Long.parseLong(pick[1]), leaves, root);
        longest = Math.max(longest, proof.size());
        within &= proof.size() <= bound;
      }
      Stats stats = new Stats(nanos);
      System.out.printf("receipts: %d sequential requests, p50 %s, p90 %s, p95 %s, p99 %s, max %s ms; longest proof %d%n",
          requests, Stats.fmt(stats.ms(0.5)), Stats.fmt(stats.ms(0.9)), Stats.fmt(stats.ms(0.95)), Stats.fmt(stats.ms(0.99)),
          Stats.fmt(stats.ms(1)), longest);
      return new Result(stats.ms(0.5), stats.ms(0.99), longest, bound, within);
    }
  }

  /**
   * One GET on a kept-alive HTTP/1.1 connection, on this thread: the measuring client should add as
   * little as it can (java.net.http hands every exchange between its own threads).
   */
  private static String fetch(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try (InputStream in = c.getResponseCode() == 200 ? c.getInputStream() : c.getErrorStream()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("receipt refused: " + body);
      }
      return body;
    }
  }

  /** Every receipt must be a correct proof for its leaf against the signed root. */
  private static List<byte[]> check(JsonObject receipt, long index, long size, byte[] root) {
    List<byte[]> proof = receipt.getJsonArray("inclusionProof").stream().map(h -> Hex.decode((String) h)).toList();
    MerkleVerifier.verifyInclusion(TreeHasher.SM3, index, size, BigLog.leaf(index), proof, root);
    return proof;
  }

  private static byte[] rootOf(Http http) {
    String note = http.get("/api/v1/ledger/checkpoint", null).body();
    return java.util.Base64.getDecoder().decode(note.split("\n")[2]);
  }

  private static List<String[]> sample(DbConfig db) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT record_id, idx FROM ledger.leaf")) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return out;
  }

  static GridConfig config(DbConfig db) {
    return config(db, Map.of());
  }

  /** A configuration for a bench database, secrets from the environment {@code ./grid bench} sets. */
  static GridConfig config(DbConfig db, Map<ConfigKey, String> overrides) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    values.put(ConfigKey.DB_URL, "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database());
    values.put(ConfigKey.DB_PASSWORD, db.password());
    values.put(ConfigKey.HTTP_PORT, "0");
    values.put(ConfigKey.DATA_KEYS, env("GRID_DATA_KEYS"));
    values.put(ConfigKey.DATA_INDEX_KEY, env("GRID_DATA_INDEX_KEY"));
    values.put(ConfigKey.WEB_ROOT, "does-not-exist");
    values.putAll(overrides);
    return GridConfig.from(Settings.of(values));
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(name + " is not set: run through ./grid bench");
    }
    return v;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
