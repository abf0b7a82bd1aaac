package cn.citygrid.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.ChaosProxy;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.client.engine.SyncConfig;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.engine.SyncEvent;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.retry.Backoff;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's fault-injection test: phones' sync engines talk to the server through a proxy that
 * drops, truncates, delays, reorders and duplicates traffic, the server is stopped mid-batch and
 * started again on the same database and object folder, and at the end every record signed on a
 * phone is on the server exactly once, byte for byte, anchored, with its photo, and every outbox is
 * acknowledged. Nothing is simulated on the server side: the real application, PostgreSQL and S3.
 */
class FaultInjectionIT {
  static final FormRef EVENT = new FormRef(BuiltInForms.EVENT_REPORT, BuiltInForms.VERSION);
  static final int PHONES = 4;
  static final int RECORDS_PER_PHONE = 260;
  /** Chaotic sync rounds per phone after the restart before the network heals; then at most this many calm ones. */
  static final int CHAOS_ROUNDS = 8;
  static final int CALM_ROUNDS = 20;

  static TestDatabase db;
  static Path objects;
  static volatile TestApp app;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    db = TestDatabase.create(FaultInjectionIT.class);
    TestApp.seedDemo(db, 300);
    objects = Files.createDirectories(dir.resolve("objects"));
    app = startApp();
  }

  static TestApp startApp() throws Exception {
    return TestApp.start(db, Map.of(ConfigKey.OBJECTS_DIR, objects.toString(), ConfigKey.LEDGER_BATCH_INTERVAL, "PT0.2S"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    db.close();
  }

  /** A phone: its own SQLite store, an enrolled and approved key, and an engine talking through the proxy. */
  record Phone(String account, LocalStore store, SyncEngine engine, List<String> captured) {}

  @Test
  void everyRecordArrivesExactlyOnce_byteIdentical_anchored_throughDropsTruncationReorderingDuplicatesAndARestart(
      @TempDir Path dir) throws Exception {
    Http direct = app.http();
    String supervisor = app.login("supervisor", "Demo@2026");
    NoteVerifier logKey = direct.logKey();

    try (ChaosProxy proxy = new ChaosProxy(app.app().port(), 0.35, 20261127L)) {
      SyncConfig config = new SyncConfig(URI.create("http://127.0.0.1:" + proxy.port()), logKey, List.of(), 25, 500, 200,
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), Duration.ofSeconds(15), Duration.ofMinutes(15));
      List<Phone> phones = new ArrayList<>();
      for (int i = 0; i < PHONES; i++) {
        phones.add(phone(i % 2 == 0 ? "worker" : "worker2", i, dir, config, supervisor));
      }
      // Days offline: everything is captured (signed, stored, photos copied) before the first sync.
      for (Phone p : phones) {
        capture(p, dir.resolve("photos-" + phones.indexOf(p)));
      }

      CountDownLatch restartWhen = new CountDownLatch(RECORDS_PER_PHONE * PHONES / 3);
      phones.forEach(p -> p.engine().addListener(e -> {
        if (e instanceof SyncEvent.RecordStateChanged s && s.state().isAcked()) {
          restartWhen.countDown();
        }
      }));
      ExecutorService pool = Executors.newFixedThreadPool(PHONES);
      AtomicBoolean restarted = new AtomicBoolean();
      List<Future<Integer>> runs = new ArrayList<>();
      for (Phone p : phones) {
        runs.add(pool.submit(() -> syncUntilAcknowledged(p, proxy, restarted)));
      }

      // Stop the server while batches are in flight, then start it again on the same data.
      assertThat(restartWhen.await(5, TimeUnit.MINUTES)).as("a third of the records acknowledged").isTrue();
      app.app().close(); // the final TestApp.close() checks the event loops of both runs
      app = startApp();
      proxy.retarget(app.app().port());
      restarted.set(true);

      for (Future<Integer> run : runs) {
        assertThat(run.get(10, TimeUnit.MINUTES)).as("calm rounds needed at the end").isLessThanOrEqualTo(CALM_ROUNDS);
      }
      pool.shutdown();

      Map<ChaosProxy.Fault, Integer> injected = proxy.injected();
      System.out.printf("fault injection: %d records from %d phones, faults injected %s%n", RECORDS_PER_PHONE * PHONES,
          PHONES, injected);
      assertThat(injected.values()).as("every kind of fault was injected: " + injected).allMatch(n -> n > 0);
      for (Phone p : phones) {
        List<OutboxEntry> outbox = p.engine().outbox();
        assertThat(outbox).hasSize(RECORDS_PER_PHONE);
        assertThat(outbox).as(p.account() + "'s outbox").allMatch(e -> e.state().isAcked());
        assertOnServerExactlyOnce(p);
        // The pull ran through the same chaos: the phone holds its grid's houses as the server scopes them.
        assertThat(p.engine().replica().count("house")).as(p.account() + "'s houses offline")
            .isEqualTo(Integer.parseInt(scalar("SELECT count(*) FROM grid.house h JOIN auth.account_scope s"
                + " ON h.grid_code LIKE s.node_code || '%' JOIN auth.account a ON a.id = s.account_id"
                + " WHERE a.username = '" + p.account() + "'")));
      }
      app.app().appender().sealNow().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertAnchoredWithTheirPhotos(phones);
    }
  }

  static Phone phone(String account, int n, Path dir, SyncConfig config, String supervisor) {
    Http http = app.http();
    String token = http.login(account, "Demo@2026");
    DeviceKey key = new DeviceKey("chaos-phone-" + n, Sm2.generateKeyPair().privateKey());
    TestPhone.enroll(http, token, key.deviceId(), key.publicKey(), "故障注入 " + n);
    TestPhone.approve(http, supervisor, key.deviceId());
    LocalStore store = LocalStore.open(dir.resolve("phone-" + n + ".db"));
    SyncEngine engine = SyncEngine.builder(store, key, config, relogin(account, token))
        .random(new SplittableRandom(n)).build();
    return new Phone(account, store, engine, new ArrayList<>());
  }

  /** A session that signs in again (directly, not through the proxy) when the server says the token is gone. */
  static TokenSource relogin(String account, String first) {
    return new TokenSource() {
      volatile String token = first;

      @Override
      public String accessToken() {
        return token;
      }

      @Override
      public String refresh() {
        token = app.http().login(account, "Demo@2026");
        return token;
      }
    };
  }

  /** Event reports, each with its own photo (so every record waits for an upload of its own). */
  static void capture(Phone p, Path photos) throws Exception {
    Files.createDirectories(photos);
    for (int i = 0; i < RECORDS_PER_PHONE; i++) {
      Path photo = photos.resolve("photo-" + i + ".jpg");
      BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
      var g = image.createGraphics();
      g.setColor(new Color(Math.floorMod((p.account() + photos + i).hashCode(), 0xFFFFFF)));
      g.fillRect(0, 0, 64, 48);
      g.setColor(Color.WHITE);
      g.drawString(Integer.toString(i), 4, 30);
      g.dispose();
      ImageIO.write(image, "jpg", photo.toFile());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("event", Map.of("category", "municipal", "description", "故障注入测试事件 #" + i + "：路灯不亮",
          "urgency", "normal"));
      payload.put("place", Map.of("location", "22.5431 114.0579 15 6"));
      payload.put("media", Map.of("photo_1", photo.getFileName().toString()));
      payload.put("photo_count", 1);
      p.captured().add(p.engine().capture(EVENT, payload, List.of(photo)));
    }
  }

  /**
   * Syncs as the app does, waiting for the engine's own back-off between failed rounds: through the
   * chaos and the restart, then {@link #CHAOS_ROUNDS} more chaotic rounds (more if some kind of fault
   * has not come up yet), then the network heals
   * (for every phone) and the phone syncs until its outbox is acknowledged. Returns the calm rounds
   * it needed (or MAX_VALUE when {@link #CALM_ROUNDS} were not enough).
   */
  static int syncUntilAcknowledged(Phone p, ChaosProxy proxy, AtomicBoolean restarted) {
    int afterRestart = 0;
    int calm = 0;
    while (calm <= CALM_ROUNDS) {
      // The engine's back-off after a failure (at most the config's 100 ms cap; its idle wait is not honoured).
      Instant due = p.engine().nextAttemptAt();
      LockSupport.parkUntil(Math.min(due.toEpochMilli(), System.currentTimeMillis() + 100));
      p.engine().syncNow();
      boolean done = p.engine().outbox().stream().allMatch(e -> e.state().isAcked());
      if (done && restarted.get()) {
        return calm;
      }
      if (restarted.get() && ++afterRestart >= CHAOS_ROUNDS && proxy.everyFaultInjected()) {
        proxy.faultRate(0);
        calm++;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** Each record once in the ledger, with the very bytes the phone signed; nothing half-written beside it. */
  static void assertOnServerExactlyOnce(Phone p) throws Exception {
    Map<String, byte[]> signed = new HashMap<>();
    for (OutboxEntry e : p.engine().outbox()) {
      signed.put(e.recordId(), RecordEnvelope.parse(e.envelope()).canonicalBytes());
    }
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
        SELECT r.id, r.canonical, r.time_flags IS NOT NULL,
               (SELECT count(*) FROM grid.event e WHERE e.record_id = r.id)
        FROM ledger.record r WHERE r.id = ANY (?)""")) {
      s.setArray(1, c.createArrayOf("text", signed.keySet().toArray()));
      Map<String, byte[]> stored = new HashMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertThat(stored.put(rs.getString(1), rs.getBytes(2))).as("stored twice: " + rs.getString(1)).isNull();
          assertThat(rs.getBoolean(3)).as("arrival noted on " + rs.getString(1)).isTrue();
          assertThat(rs.getInt(4)).as("events made from " + rs.getString(1)).isLessThanOrEqualTo(1);
        }
      }
      assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(signed.keySet());
      signed.forEach((id, bytes) -> assertThat(Arrays.equals(stored.get(id), bytes)).as("bytes of " + id).isTrue());
    }
  }

  static String scalar(String sql) throws Exception {
    return db.scalar(sql);
  }

  static void assertAnchoredWithTheirPhotos(List<Phone> phones) throws Exception {
    List<String> ids = phones.stream().flatMap(p -> p.captured().stream()).toList();
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
        SELECT count(*) FILTER (WHERE l.record_id IS NULL), count(DISTINCT r.canonical)
        FROM ledger.record r LEFT JOIN ledger.leaf l ON l.record_id = r.id WHERE r.id = ANY (?)""")) {
      s.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("records without a leaf in the log").isZero();
        assertThat(rs.getInt(2)).isEqualTo(ids.size());
      }
    }
    String supervisor = app.login("supervisor", "Demo@2026");
    for (Phone p : phones) {
      String id = p.captured().get(p.captured().size() - 1);
      JsonObject shown = app.http().get("/api/v1/records/" + id, supervisor).json();
      String sm3 = shown.getJsonArray("attachments").getJsonObject(0).getString("sm3");
      Http.Response photo = app.http().get("/api/v1/records/" + id + "/attachments/" + sm3 + "?size=original", supervisor);
      assertThat(photo.status()).as(photo.body()).isIn(200, 303);
    }
  }
}
