package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.ledger.PlatformKeyLoader;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.PerfectNode;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** A synthetic log of N leaves for the proof benchmark: real tree, real signed checkpoint, sampled record rows. */
final class BigLog {
  static final int SAMPLED_RECORDS = 10_000;

  private BigLog() {}

  static byte[] leaf(long index) {
    return TreeHasher.SM3.hashLeaf(("bench-leaf-" + index).getBytes(StandardCharsets.UTF_8));
  }

  static boolean ready(DbConfig db, long leaves) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT coalesce(max(size), 0) FROM ledger.checkpoint")) {
      return rs.next() && rs.getLong(1) == leaves;
    } catch (Exception e) {
      return false;
    }
  }

  static void build(DbConfig template, GridConfig config, long leaves) throws Exception {
    DbConfig db = config.db();
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres",
        db.user(), db.password()); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + db.database() + " TEMPLATE " + template.database());
    }
    Migrations.migrate(db);
    Vertx vertx = Vertx.vertx();
    PlatformKeys keys;
    try (Database database = Database.open(vertx, db)) {
      keys = PlatformKeyLoader.load(vertx, database.pool(), config.dataKeys().keyRing(), config.ledger().origin(), Instant.now());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      long device = benchDevice(c);
      byte[] root = nodes(c, leaves);
      records(c, leaves, device);
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO ledger.checkpoint (size, root, note, signed_at) VALUES (?, ?, ?, now())")) {
        p.setLong(1, leaves);
        p.setBytes(2, root);
        p.setString(3, keys.log().sign(Checkpoint.of(keys.log().keyName(), leaves, root, Instant.now())));
        p.executeUpdate();
      }
      c.commit();
    }
  }

  /** Streams every perfect node into ledger.node with COPY (primary key rebuilt afterwards); returns the root. */
  private static byte[] nodes(Connection c, long leaves) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE ledger.node DROP CONSTRAINT node_pkey");
    }
    MerkleAppender tree = new MerkleAppender(TreeHasher.SM3);
    HexFormat hex = HexFormat.of();
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY ledger.node (level, idx, hash) FROM STDIN"),
        StandardCharsets.US_ASCII), 1 << 20)) {
      for (long i = 0; i < leaves; i++) {
        for (PerfectNode n : tree.append(leaf(i)).newNodes()) {
          out.write(n.level() + "\t" + n.index() + "\t\\\\x" + hex.formatHex(n.hash()) + "\n");
        }
        if (i % 1_000_000 == 0 && i > 0) {
          System.out.printf("  %,d leaves…%n", i);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE ledger.node ADD PRIMARY KEY (level, idx)");
    }
    return tree.root();
  }

  /** Record rows at random leaves, so receipts can be asked for by record id. */
  private static void records(Connection c, long leaves, long device) throws Exception {
    Random random = new Random(42);
    try (PreparedStatement p = c.prepareStatement("""
        WITH r AS (
          INSERT INTO ledger.record (id, client_id, device_id, account_id, form_id, form_version, captured_at,
                                     received_at, canonical, payload, leaf_hash)
          VALUES (?, 'bench', 'bench-device-0001', ?, 'bench', '1', now(), now(), '\\x7b7d', '{}', ?)
          ON CONFLICT DO NOTHING RETURNING id)
        INSERT INTO ledger.leaf (idx, record_id) SELECT ?, id FROM r""")) {
      for (int i = 0; i < SAMPLED_RECORDS; i++) {
        long index = (long) (random.nextDouble() * leaves);
        p.setString(1, Sm3.hex(("bench-record-" + index).getBytes(StandardCharsets.UTF_8)));
        p.setLong(2, device);
        p.setBytes(3, leaf(index));
        p.setLong(4, index);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static long benchDevice(Connection c) throws Exception {
    long account;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        INSERT INTO auth.account (username, display_name, password_hash) VALUES ('bench', 'bench', '-') RETURNING id""")) {
      rs.next();
      account = rs.getLong(1);
    }
    var key = Sm2.generateKeyPair().publicKey();
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO ledger.device (id, account_id, public_key, key_id, status) VALUES ('bench-device-0001', ?, ?, ?, 'approved')""")) {
      p.setLong(1, account);
      p.setBytes(2, key.spki());
      p.setString(3, key.keyId());
      p.executeUpdate();
    }
    return account;
  }
}
