package cn.citygrid.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Health, metrics, the one error shape, request ids and access lines, over real HTTP. */
class HttpIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(HttpIT.class);
    TestApp.seedDemo(db, 400);
    app = TestApp.start(db);
    http = app.http();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void health_liveAndReady_areUp() {
    assertThat(http.get("/health/live", null).json().getString("status")).isEqualTo("UP");
    JsonObject ready = http.get("/health/ready", null).json();
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(ready.getJsonArray("checks").getJsonObject(0).getString("schemaVersion")).isNotBlank();
  }

  @Test
  void ready_whenTheSchemaIsNotTheBuildsVersion_is503ProblemJson() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE public.flyway_schema_history SET success = false WHERE installed_rank = "
          + "(SELECT max(installed_rank) FROM public.flyway_schema_history)");
      Http.Response r = http.get("/health/ready", null);
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().getJsonArray("checks").getJsonObject(0).getString("status")).isEqualTo("DOWN");
    } finally {
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("UPDATE public.flyway_schema_history SET success = true");
      }
    }
  }

  @Test
  void metrics_exposeHttpPoolAndEventLoopFigures() {
    http.get("/health/live", null);
    http.get("/health/ready", null);
    String metrics = http.get("/metrics", null).body();
    assertThat(metrics).contains("vertx_http_server_response_time_seconds_count{code=\"200\",method=\"GET\",route=\"/health/live\"");
    assertThat(metrics).contains("vertx_pool_in_use{pool_name=\"citygrid-pg\",pool_type=\"sql\"");
    assertThat(metrics).contains("citygrid_eventloop_lag_seconds_count");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }

  @Test
  void unknownRoute_wrongMethod_badJson_wrongType_tooLarge_areAllProblemJson() {
    assertProblem(http.get("/api/v1/no-such-thing", null), 404, "not-found");
    assertProblem(http.send("DELETE", "/api/v1/auth/login", null, null, Map.of()), 405, "method-not-allowed");
    assertProblem(http.send("POST", "/api/v1/auth/login", null, "{\"username\":", Map.of("Content-Type", "application/json")),
        400, "malformed-request");
    assertProblem(http.send("POST", "/api/v1/auth/login", null, "username=a", Map.of("Content-Type", "text/plain")),
        415, "unsupported-media-type");
    String huge = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertProblem(http.send("POST", "/api/v1/auth/login", null, huge, Map.of("Content-Type", "application/json")),
        413, "payload-too-large");
  }

  @Test
  void validationProblem_listsEveryFieldError_inTheCallersLanguage() {
    Http.Response zh = http.postJson("/api/v1/auth/login", null, new JsonObject().put("username", 5));
    assertProblem(zh, 400, "validation-failed");
    assertThat(zh.json().getJsonArray("errors")).hasSize(2);
    assertThat(zh.json().getString("title")).isEqualTo("请求数据不合法");
    Http.Response en = http.send("POST", "/api/v1/auth/login", null, "{}",
        Map.of("Content-Type", "application/json", "Accept-Language", "en-US,en;q=0.9"));
    assertThat(en.json().getString("title")).isEqualTo("The request data is invalid");
    assertThat(en.header("Content-Language")).isEqualTo("en");
  }

  @Test
  void requestId_isEchoedOrGenerated_andAppearsInTheAccessLine() {
    try (LogLines lines = LogLines.of("citygrid.access")) {
      Http.Response echoed = http.send("GET", "/health/live", null, null, Map.of("X-Request-Id", "abc-123-def-456"));
      assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123-def-456");
      Http.Response generated = http.send("GET", "/api/v1/me", null, null, Map.of("X-Request-Id", "bad id!"));
      String rid = generated.header("X-Request-Id");
      assertThat(rid).matches("[0-9a-f-]{36}");
      assertThat(generated.json().getString("requestId")).isEqualTo(rid);
      String token = app.login("worker", "Demo@2026");
      http.get("/api/v1/me", token);
      assertThat(lines.json())
          .anySatisfy(l -> {
            assertThat(l.getString("rid")).isEqualTo("abc-123-def-456");
            assertThat(l.getString("msg")).matches("method=GET route=/health/live status=200 durationMs=\\d+ user=-");
          })
          .anySatisfy(l -> {
            assertThat(l.getString("rid")).isEqualTo(rid);
            assertThat(l.getString("msg")).contains("route=/api/v1/me status=401").contains("user=-");
          })
          .anySatisfy(l -> assertThat(l.getString("msg")).contains("route=/api/v1/me status=200").contains("user=worker"));
    }
  }

  @Test
  void anUnexpectedFailure_is500ProblemJson_withoutItsText_andTheLogLineCarriesTheRequestId() throws Exception {
    String token = app.login("supervisor", "Demo@2026");
    assertThat(http.get("/api/v1/devices", token).status()).isEqualTo(200);
    try (LogLines lines = LogLines.of(ProblemHandler.class.getName());
        Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE ledger.device RENAME TO device_gone");
      try {
        Http.Response r = http.send("GET", "/api/v1/devices", token, null, Map.of("X-Request-Id", "broken-table-0001"));
        assertProblem(r, 500, "internal-error");
        assertThat(r.body()).doesNotContain("ledger.device").doesNotContain("relation").doesNotContain("42P01");
        assertThat(r.json().getString("detail")).contains("请求编号");
        assertThat(lines.json()).anySatisfy(l -> {
          assertThat(l.getString("rid")).isEqualTo("broken-table-0001");
          assertThat(l.getString("level")).isEqualTo("ERROR");
          assertThat(l.getString("stack")).contains("relation \"ledger.device\" does not exist");
        });
      } finally {
        s.execute("ALTER TABLE ledger.device_gone RENAME TO device");
      }
    }
    assertThat(http.get("/api/v1/devices", token).status()).isEqualTo(200);
  }

  /**
   * The lines one logger writes while a test runs, laid out by the production JSON layout at the
   * moment they are written (so the request id is the one of the request that wrote them).
   */
  private static final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final Level before;
    private final JsonLineLayout layout = new JsonLineLayout();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLines(Logger logger) {
      this.logger = logger;
      this.before = logger.getLevel();
    }

    static LogLines of(String name) {
      LogLines lines = new LogLines((Logger) LoggerFactory.getLogger(name));
      lines.layout.start();
      lines.start();
      lines.logger.setLevel(Level.INFO);
      lines.logger.addAppender(lines);
      return lines;
    }

    @Override
    protected void append(ILoggingEvent event) {
      lines.add(layout.doLayout(event));
    }

    List<JsonObject> json() {
      return lines.stream().map(JsonObject::new).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(this);
      logger.setLevel(before);
      stop();
    }
  }

  private static void assertProblem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getString("type")).isEqualTo("urn:citygrid:problem:" + slug);
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("detail")).isNotBlank();
    assertThat(p.getString("requestId")).isEqualTo(r.header("X-Request-Id"));
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
