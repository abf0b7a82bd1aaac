package cn.citygrid.backend.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.BlockedThreadRecorder;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built web admin in a real browser (Debian's headless Chromium driven by playwright-core)
 * against the real backend over a small demo city: {@code web-admin/e2e/run.mjs} does the clicking;
 * this test prepares the server, runs the script and requires it to pass. It fails rather than
 * skips when a tool is missing: a browser test that silently does not run proves nothing.
 */
class WebAdminBrowserIT {
  private static final Path WEB_ADMIN = Path.of("..", "web-admin").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long SCRIPT_TIMEOUT_MINUTES = 5;
  private static final String HOW_TO_FIX = "; ./grid test installs and builds everything the browser test needs";

  static TestDatabase db;
  static TestApp app;
  static Path fixtures;

  @BeforeAll
  static void start() throws Exception {
    requireTools();
    db = TestDatabase.create(WebAdminBrowserIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db, Map.of(ConfigKey.WEB_ROOT, WEB_ADMIN.resolve("dist").toString()));
    warmUp();
    fixtures = WEB_ADMIN.resolve("target/e2e-fixtures.json");
    Files.createDirectories(fixtures.getParent());
    Files.writeString(fixtures, BrowserFixtures.create(app, db, "Demo@2026").encodePrettily());
    // Making the fixtures (device certificates, the first ledger append, an import) is more cold start.
    List<String> warnings = BlockedThreadRecorder.drain();
    if (!warnings.isEmpty()) {
      System.out.println("[e2e] blocked event loops while making fixtures (printed, not failed): " + warnings.size());
    }
  }

  /**
   * One pass over the server before the browser starts: every built file (compressed), the SPA
   * fallback and the main API paths, each checked; blocked event loops here are printed (first use).
   */
  private static void warmUp() throws IOException {
    Http http = app.http();
    try (Stream<Path> files = Files.list(WEB_ADMIN.resolve("dist/assets"))) {
      for (Path file : files.toList()) {
        Http.Response r = http.send("GET", "/assets/" + file.getFileName(), null, null, Map.of("Accept-Encoding", "gzip"));
        assertThat(r.status()).as("GET /assets/%s", file.getFileName()).isEqualTo(200);
      }
    }
    assertThat(http.get("/users", null).body()).as("the SPA's index.html for a client-side route").contains("<div id=\"app\">");
    JsonObject tokens = http.postJson("/api/v1/auth/login", null,
        new JsonObject().put("username", "admin").put("password", "Demo@2026")).json();
    String access = tokens.getString("accessToken");
    assertThat(http.get("/api/v1/me", access).status()).isEqualTo(200);
    assertThat(http.get("/api/v1/users?page=1&size=20", access).status()).isEqualTo(200);
    assertThat(http.postJson("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", tokens.getString("refreshToken"))).status()).isEqualTo(200);
    // Printed, not failed (docs/web-admin.md, "Cold start"): the warm-up exists to take the server's
    // first-use costs before the browser's first request, from which on every warning fails the test.
    List<String> warnings = BlockedThreadRecorder.drain();
    if (!warnings.isEmpty()) {
      System.out.println("[e2e] blocked event loops while warming up (printed, not failed): " + warnings.size());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    // The database goes even when closing the app fails (it asserts no blocked event loops).
    try (TestDatabase database = db) {
      if (app != null) {
        app.close();
      }
    }
  }

  @Test
  void webAdmin_inChromium_signsIn_managesUsers_findsMaskedPeople_approvesDevices_verifiesReceipts_readsTheMap_reviewsMatches() throws Exception {
    Path out = WEB_ADMIN.resolve("target/screenshots");
    // Niced: the browser is the test's instrument and must not starve the server under test of the
    // machine's two cores (the server's event loops are held to 200 ms).
    List<String> command = List.of("nice", "-n", "15", "node", "e2e/run.mjs", "--base", app.http().base(), "--out", out.toString(),
        "--fixtures", fixtures.toString());
    Process process = new ProcessBuilder(command).directory(WEB_ADMIN.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> echo(process, output), "e2e-output");
    reader.start();
    if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("the browser test did not finish in %d minutes:%n%s", SCRIPT_TIMEOUT_MINUTES, String.join("\n", output));
    }
    reader.join();
    assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", String.join(" ", command), String.join("\n", output))
        .isZero();
    for (String shot : List.of("sign-in", "users", "forms", "form-upload-error", "form-preview", "person-portrait", "records",
        "record-verified", "record-photo", "record-original", "map-grid", "map-house", "map-event", "house-search",
        "enterprise-provenance", "tasks", "proposals", "quality-review", "quality-orders")) {
      assertThat(out.resolve(shot + ".png")).exists();
    }
  }

  private static void echo(Process process, List<String> output) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        System.out.println("[e2e] " + line);
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException e) {
      output.add("(reading the script's output failed: " + e + ")");
    }
  }

  private static void requireTools() throws InterruptedException {
    if (!Files.isRegularFile(WEB_ADMIN.resolve("dist/index.html"))) {
      fail("the web admin is not built (no %s): run npm ci && npm run build in web-admin, and build web-admin "
          + "before backend in the reactor%s", WEB_ADMIN.resolve("dist/index.html"), HOW_TO_FIX);
    }
    if (!Files.isDirectory(WEB_ADMIN.resolve("node_modules/playwright-core"))) {
      fail("playwright-core is not installed in %s: run npm ci there%s", WEB_ADMIN, HOW_TO_FIX);
    }
    if (!Files.isExecutable(CHROMIUM)) {
      fail("%s is missing: apt-get install -y chromium chromium-driver%s", CHROMIUM, HOW_TO_FIX);
    }
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
        fail("node --version failed: Node 20 is needed for the browser test%s", HOW_TO_FIX);
      }
    } catch (IOException e) {
      fail("node is not on the PATH (%s): Node 20 is needed for the browser test%s", e.getMessage(), HOW_TO_FIX);
    }
  }
}
