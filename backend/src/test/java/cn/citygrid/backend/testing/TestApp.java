package cn.citygrid.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.App;
import cn.citygrid.backend.auth.PasswordHasher;
import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.config.Settings;
import cn.citygrid.backend.demo.DemoCity;
import io.vertx.core.VertxOptions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real backend on a random port over a test database, with a strict blocked-thread checker:
 * an event loop busy for more than {@link #MAX_EVENT_LOOP_MS} ms fails the test at {@link #close()}.
 */
public final class TestApp implements AutoCloseable {
  public static final long MAX_EVENT_LOOP_MS = 200;
  /** Cheap Argon2 parameters for tests; production defaults are exercised by PasswordHasherTest. */
  public static final int TEST_ARGON2_KIB = 1024;

  private final App app;
  private final Http http;

  private TestApp(App app) {
    this.app = app;
    this.http = new Http("http://127.0.0.1:" + app.port());
  }

  public static TestApp start(TestDatabase db) throws Exception {
    return start(db, Map.of());
  }

  public static TestApp start(TestDatabase db, Map<ConfigKey, String> overrides) throws Exception {
    return start(db, overrides, java.time.Clock.systemUTC());
  }

  public static TestApp start(TestDatabase db, Map<ConfigKey, String> overrides, java.time.Clock clock) throws Exception {
    return start(db, overrides, clock, MAX_EVENT_LOOP_MS);
  }

  /**
   * With another event-loop budget: the app's UI tests run this backend in the JVM that also renders JavaFX in
   * software and runs the phone, where first-use class loading alone can take a loop past 200 ms; they still fail
   * on real blocking (JDBC, sleeps, file I/O), which takes far longer.
   */
  public static TestApp start(TestDatabase db, Map<ConfigKey, String> overrides, java.time.Clock clock, long maxEventLoopMs)
      throws Exception {
    GridConfig config = config(db, overrides);
    BlockedThreadRecorder.drain();
    VertxOptions options = new VertxOptions()
        .setMaxEventLoopExecuteTime(maxEventLoopMs).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        // Report where the loop was stuck, not just that it was.
        .setWarningExceptionTime(maxEventLoopMs).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    return new TestApp(App.start(config, options, clock));
  }

  public static GridConfig config(TestDatabase db, Map<ConfigKey, String> overrides) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    var c = db.config();
    values.put(ConfigKey.MODE, "demo");
    values.put(ConfigKey.DB_URL, "postgresql://" + c.user() + "@" + c.host() + ":" + c.port() + "/" + c.database());
    values.put(ConfigKey.DB_PASSWORD, c.password());
    values.put(ConfigKey.DB_POOL_SIZE, "8");
    values.put(ConfigKey.DB_ORM_POOL_SIZE, "4");
    values.put(ConfigKey.HTTP_PORT, "0");
    values.put(ConfigKey.HTTP_INSTANCES, "1");
    values.put(ConfigKey.AUTH_ARGON2_MEMORY_KIB, String.valueOf(TEST_ARGON2_KIB));
    values.put(ConfigKey.AUTH_ARGON2_ITERATIONS, "1");
    values.put(ConfigKey.DATA_KEYS, db.dataKeys());
    values.put(ConfigKey.DATA_INDEX_KEY, db.indexKey());
    values.put(ConfigKey.WEB_ROOT, "does-not-exist");
    values.put(ConfigKey.OBJECTS_DIR, freshObjectsDir());
    values.putAll(overrides);
    return GridConfig.from(Settings.of(values));
  }

  /** An empty folder for the in-process S3 server, so no test sees objects uploaded by an earlier run. */
  private static String freshObjectsDir() {
    try {
      java.nio.file.Path target = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
      return java.nio.file.Files.createTempDirectory(target, "objects-").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Seeds a small demo city (with the demo accounts) into the test database. */
  public static void seedDemo(TestDatabase db, int persons) throws Exception {
    GridConfig config = config(db, Map.of());
    cn.citygrid.backend.db.Migrations.migrate(config.db());
    String hash = new PasswordHasher(TEST_ARGON2_KIB, 1).hash("Demo@2026");
    DemoCity.build(config.db(), config.dataKeys(), hash, persons, 7);
  }

  public App app() {
    return app;
  }

  public Http http() {
    return http;
  }

  /** Signs in and returns the access token. */
  public String login(String username, String password) {
    return http.login(username, password);
  }

  @Override
  public void close() throws Exception {
    app.close();
    assertThat(BlockedThreadRecorder.drain()).as("blocked event-loop warnings").isEmpty();
  }
}
