package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A new data key: old values stay readable, the background pass re-seals them all, lookups keep working. */
class KeyRotationIT {
  @Test
  void afterRotation_everyValueIsResealedUnderTheNewKey_whileTheOldOnesStayReadable() throws Exception {
    try (TestDatabase db = TestDatabase.create(KeyRotationIT.class)) {
      TestApp.seedDemo(db, 400);
      byte[] fresh = new byte[16];
      new SecureRandom().nextBytes(fresh);
      String rotated = db.dataKeys() + ",t2:" + Base64.getEncoder().encodeToString(fresh);
      try (TestApp app = TestApp.start(db, Map.of(ConfigKey.DATA_KEYS, rotated, ConfigKey.DATA_ACTIVE_KEY, "t2"))) {
        String admin = app.login("admin", "Demo@2026");
        long person = Long.parseLong(scalar(db, "SELECT id FROM grid.person WHERE phone_enc IS NOT NULL ORDER BY id LIMIT 1"));
        JsonObject before = app.http().get("/api/v1/persons/by-id/" + person + "?purpose=data-correction", admin).json();
        assertThat(staleCount(db, "t2")).isPositive();

        long resealed = new KeyRotation(app.app().database().pool(), TestApp.config(db, Map.of(ConfigKey.DATA_KEYS, rotated,
                ConfigKey.DATA_ACTIVE_KEY, "t2")).dataKeys(), app.app().vertx().createSharedWorkerExecutor("rotation"),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
            .pass().toCompletionStage().toCompletableFuture().get();

        assertThat(resealed).isEqualTo(Long.parseLong(scalar(db, "SELECT count(*) FROM grid.person")));
        assertThat(staleCount(db, "t2")).isZero();
        JsonObject after = app.http().get("/api/v1/persons/by-id/" + person + "?purpose=data-correction", admin).json();
        assertThat(after.getJsonObject("person").getString("idNumber")).isEqualTo(before.getJsonObject("person").getString("idNumber"));
        assertThat(app.http().get("/api/v1/persons/" + after.getJsonObject("person").getString("idNumber"), admin).status())
            .as("the blind index does not change with the key").isEqualTo(200);
      }
    }
  }

  @Test
  void aPhoneChangedWhileItsBatchIsResealed_keepsTheNewPhone_andTheRowIsResealedByTheNextPass() throws Exception {
    try (TestDatabase db = TestDatabase.create(KeyRotationIT.class)) {
      TestApp.seedDemo(db, 50);
      byte[] fresh = new byte[16];
      new SecureRandom().nextBytes(fresh);
      String ring = db.dataKeys() + ",t2:" + Base64.getEncoder().encodeToString(fresh);
      Map<ConfigKey, String> rotated = Map.of(ConfigKey.DATA_KEYS, ring, ConfigKey.DATA_ACTIVE_KEY, "t2");
      DataKeysConfig keys = TestApp.config(db, rotated).dataKeys();
      long persons = Long.parseLong(scalar(db, "SELECT count(*) FROM grid.person"));
      long changed = Long.parseLong(scalar(db, "SELECT min(id) FROM grid.person WHERE phone_enc IS NOT NULL"));
      try (TestApp app = TestApp.start(db, rotated)) {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        // the phone changes (as a proposal or an import would write it) after the batch is read, before it is written
        WorkerExecutor crypto = new ThenChange(app.app().vertx().createSharedWorkerExecutor("rotation"), () -> {
          try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
              "UPDATE grid.person SET phone_enc = ?, phone_bidx = ? WHERE id = ?")) {
            s.setBytes(1, keys.keyRing().seal(NEW_PHONE.getBytes(StandardCharsets.UTF_8), PersonApply.PHONE_AAD));
            s.setString(2, keys.blindIndex().index("phone", NEW_PHONE));
            s.setLong(3, changed);
            s.executeUpdate();
          }
        });
        KeyRotation rotation = new KeyRotation(app.app().database().pool(), keys, crypto, metrics);

        long first = rotation.pass().toCompletionStage().toCompletableFuture().get();

        assertThat(phone(db, keys, changed)).as("the re-seal did not write the old phone back").isEqualTo(NEW_PHONE);
        assertThat(first).as("every person but the changed one").isEqualTo(persons - 1);
        assertThat(staleCount(db, "t2")).isEqualTo(1);
        assertThat(metrics.get("citygrid.data.key.stale").gauge().value()).as("the pass knows it left one").isEqualTo(1.0);

        long second = rotation.pass().toCompletionStage().toCompletableFuture().get();

        assertThat(second).isEqualTo(1);
        assertThat(staleCount(db, "t2")).isZero();
        assertThat(metrics.get("citygrid.data.key.stale").gauge().value()).isZero();
        assertThat(phone(db, keys, changed)).isEqualTo(NEW_PHONE);
      }
    }
  }

  static final String NEW_PHONE = "13911112222";

  static String phone(TestDatabase db, DataKeysConfig keys, long person) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT phone_enc FROM grid.person WHERE id = " + person)) {
      rs.next();
      return new String(keys.keyRing().open(rs.getBytes(1), PersonApply.PHONE_AAD), StandardCharsets.UTF_8);
    }
  }

  /** Runs each blocking task on {@code delegate}, then, the first time only, {@code change} on the same worker. */
  static final class ThenChange implements WorkerExecutor {
    interface Change {
      void run() throws Exception;
    }

    private final WorkerExecutor delegate;
    private final Change change;
    private final AtomicBoolean done = new AtomicBoolean();

    ThenChange(WorkerExecutor delegate, Change change) {
      this.delegate = delegate;
      this.change = change;
    }

    @Override
    public <T> Future<T> executeBlocking(Callable<T> task, boolean ordered) {
      return delegate.executeBlocking(() -> {
        T result = task.call();
        if (done.compareAndSet(false, true)) {
          change.run();
        }
        return result;
      }, ordered);
    }

    @Override
    public <T> void executeBlocking(Handler<Promise<T>> task, boolean ordered, Handler<AsyncResult<T>> then) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Future<T> executeBlocking(Handler<Promise<T>> task, boolean ordered) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> then) {
      delegate.close(then);
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }
  }

  static long staleCount(TestDatabase db, String active) throws Exception {
    return Long.parseLong(scalar(db, "SELECT count(*) FROM grid.person WHERE "
        + String.format(KeyRotation.KEY_OF, "id_number_enc") + " <> '" + active + "'"));
  }

  static String scalar(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
