package cn.citygrid.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.MutableClock;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthIT {
  static final String PASSWORD = "Demo@2026";
  static TestDatabase db;
  static TestApp app;
  static MutableClock clock = new MutableClock();
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(AuthIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db, Map.of(ConfigKey.AUTH_LOCKOUT_THRESHOLD, "3", ConfigKey.AUTH_LOCKOUT_BASE, "PT30S",
        ConfigKey.AUTH_ACCESS_TTL, "PT15M"), clock);
    http = app.http();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  /** A fresh account per test, so lockouts and revocations never leak between tests. */
  static String newAccount(String role, List<String> scope) {
    String admin = app.login("admin", PASSWORD);
    String name = "u" + Long.toHexString(System.nanoTime());
    Http.Response r = http.postJson("/api/v1/users", admin, new JsonObject().put("username", name)
        .put("password", "Passw0rd!x").put("displayName", "测试").put("roles", List.of(role)).put("scope", scope));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return name;
  }

  static Http.Response login(String user, String password) {
    return http.postJson("/api/v1/auth/login", null, new JsonObject().put("username", user).put("password", password));
  }

  @Test
  void login_withDemoPassword_returnsTokensRolesAndExpiry() {
    Http.Response r = login("supervisor", PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getString("accessToken")).startsWith("cga_");
    assertThat(body.getString("refreshToken")).startsWith("cgr_");
    assertThat(body.getLong("expiresIn")).isEqualTo(900);
    assertThat(body.getJsonArray("roles").getList()).containsExactly("SUPERVISOR");
  }

  @Test
  void me_withToken_returnsAccountWithScopePrefixes() {
    String token = app.login("worker", PASSWORD);
    JsonObject me = http.get("/api/v1/me", token).json();
    assertThat(me.getString("username")).isEqualTo("worker");
    assertThat(me.getJsonArray("roles").getList()).containsExactly("GRID_WORKER");
    assertThat(me.getJsonArray("scope").getList()).singleElement().asString().hasSize(15);
  }

  @Test
  void login_withWrongPassword_andUnknownUser_giveTheSameProblem() {
    Http.Response wrong = login(newAccount("CITIZEN", List.of()), "nope-nope-1");
    Http.Response unknown = login("nobody-here", "nope-nope-1");
    for (Http.Response r : List.of(wrong, unknown)) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:invalid-credentials");
    }
    assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
  }

  @Test
  void login_afterRepeatedFailures_locksWithBackOff_evenForTheRightPassword() {
    String user = newAccount("CITIZEN", List.of());
    assertThat(login(user, "wrong-pass-1").status()).isEqualTo(401);
    assertThat(login(user, "wrong-pass-2").status()).isEqualTo(401);
    Http.Response third = login(user, "wrong-pass-3");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.json().getString("type")).isEqualTo("urn:citygrid:problem:account-locked");
    assertThat(third.header("Retry-After")).isEqualTo("30");
    assertThat(login(user, "Passw0rd!x").status()).as("locked even with the right password").isEqualTo(429);

    clock.advance(Duration.ofSeconds(31));
    assertThat(login(user, "wrong-pass-4").header("Retry-After")).as("the next lock doubles").isEqualTo("60");
    clock.advance(Duration.ofSeconds(61));
    assertThat(login(user, "Passw0rd!x").status()).isEqualTo(200);
  }

  @Test
  void protectedRoute_withoutOrWithForgedToken_is401() {
    assertThat(http.get("/api/v1/me", null).status()).isEqualTo(401);
    Http.Response forged = http.get("/api/v1/me", "cga_forged");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().getString("type")).isEqualTo("urn:citygrid:problem:unauthenticated");
  }

  @Test
  void accessToken_afterItsLifetime_is401_andRefreshGivesANewOne() {
    String user = newAccount("CITIZEN", List.of());
    JsonObject tokens = login(user, "Passw0rd!x").json();
    clock.advance(Duration.ofMinutes(16));
    assertThat(http.get("/api/v1/me", tokens.getString("accessToken")).status()).isEqualTo(401);
    Http.Response refreshed = http.postJson("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", tokens.getString("refreshToken")));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(http.get("/api/v1/me", refreshed.json().getString("accessToken")).status()).isEqualTo(200);
  }

  @Test
  void refreshToken_replayed_revokesTheWholeSession() {
    String user = newAccount("CITIZEN", List.of());
    String first = login(user, "Passw0rd!x").json().getString("refreshToken");
    JsonObject second = http.postJson("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first)).json();
    Http.Response replay = http.postJson("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me", second.getString("accessToken")).status()).as("the stolen session is dead").isEqualTo(401);
    assertThat(http.postJson("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", second.getString("refreshToken"))).status()).isEqualTo(401);
  }

  @Test
  void logout_revokesTheAccessTokenAtOnce() {
    String token = app.login(newAccount("CITIZEN", List.of()), "Passw0rd!x");
    assertThat(http.get("/api/v1/me", token).status()).isEqualTo(200);
    assertThat(http.postJson("/api/v1/auth/logout", token, null).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/me", token).status()).isEqualTo(401);
  }

  @Test
  void disablingAnAccount_endsItsSessions_andRefusesSignIn() {
    String user = newAccount("CITIZEN", List.of());
    String token = app.login(user, "Passw0rd!x");
    long id = http.get("/api/v1/me", token).json().getLong("id");
    String admin = app.login("admin", PASSWORD);
    assertThat(http.postJson("/api/v1/users/" + id + "/disable", admin, null).json().getBoolean("enabled")).isFalse();
    assertThat(http.get("/api/v1/me", token).status()).isEqualTo(401);
    assertThat(login(user, "Passw0rd!x").status()).isEqualTo(401);
    http.postJson("/api/v1/users/" + id + "/enable", admin, null);
    assertThat(login(user, "Passw0rd!x").status()).isEqualTo(200);
  }

  @Test
  void changingThePassword_endsSessions_andOnlyTheNewPasswordWorks() {
    String user = newAccount("CITIZEN", List.of());
    String token = app.login(user, "Passw0rd!x");
    Http.Response weak = http.putJson("/api/v1/me/password", token,
        new JsonObject().put("currentPassword", "Passw0rd!x").put("newPassword", "short"));
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("newPassword");
    Http.Response changed = http.putJson("/api/v1/me/password", token,
        new JsonObject().put("currentPassword", "Passw0rd!x").put("newPassword", "Better2026pw"));
    assertThat(changed.status()).isEqualTo(204);
    assertThat(http.get("/api/v1/me", token).status()).isEqualTo(401);
    assertThat(login(user, "Passw0rd!x").status()).isEqualTo(401);
    assertThat(login(user, "Better2026pw").status()).isEqualTo(200);
  }

  @Test
  void createUser_withUnknownScopeOrTakenName_isRefusedWithFieldErrors() {
    String admin = app.login("admin", PASSWORD);
    Http.Response unknown = http.postJson("/api/v1/users", admin, new JsonObject().put("username", "w-unknown")
        .put("password", "Passw0rd!x").put("displayName", "x").put("roles", List.of("GRID_WORKER"))
        .put("scope", List.of("440304999999001")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("unknown");
    Http.Response taken = http.postJson("/api/v1/users", admin, new JsonObject().put("username", "worker")
        .put("password", "Passw0rd!x").put("displayName", "x").put("roles", List.of("CITIZEN")));
    assertThat(taken.status()).isEqualTo(409);
    Http.Response noScope = http.postJson("/api/v1/users", admin, new JsonObject().put("username", "w-none")
        .put("password", "Passw0rd!x").put("displayName", "x").put("roles", List.of("GRID_WORKER")));
    assertThat(noScope.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("scope");
  }

  @Test
  void demoAccounts_outsideDemoMode_cannotSignIn() throws Exception {
    try (TestApp production = TestApp.start(db, Map.of(ConfigKey.MODE, "production"))) {
      Http.Response r = production.http().postJson("/api/v1/auth/login", null,
          new JsonObject().put("username", "admin").put("password", PASSWORD));
      assertThat(r.status()).isEqualTo(401);
    }
  }
}
