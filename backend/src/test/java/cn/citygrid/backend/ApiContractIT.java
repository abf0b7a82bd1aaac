package cn.citygrid.backend;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The declared routes, the OpenAPI document and the access checks agree with each other. */
class ApiContractIT {
  static final Map<Role, String> DEMO_USER = new EnumMap<>(Map.of(Role.ADMIN, "admin", Role.SUPERVISOR, "supervisor",
      Role.LEADER, "leader", Role.GRID_WORKER, "worker", Role.DATA_STEWARD, "steward", Role.CITIZEN, "citizen"));
  static TestDatabase db;
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(ApiContractIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void openApiDocument_namesExactlyTheMountedRoutes_withTheirRoles() {
    Http.Response r = app.http().get("/openapi.yaml", null);
    assertThat(r.status()).isEqualTo(200);
    Map<String, Object> doc = new Yaml().load(r.body());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
    Map<String, Set<String>> documented = new TreeMap<>();
    paths.forEach((path, ops) -> ops.forEach((method, op) -> {
      if (!method.equals("parameters")) {
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) op.get("x-roles");
        documented.put(method.toUpperCase() + " " + path, roles == null ? Set.of() : new TreeSet<>(roles));
      }
    }));
    Map<String, Set<String>> mounted = new TreeMap<>();
    for (ApiRoute route : app.app().routes()) {
      mounted.put(route.method().name() + " " + route.path(), declaredRoles(route.access()));
    }
    assertThat(documented).as("OpenAPI paths and x-roles vs mounted routes").isEqualTo(mounted);
  }

  @Test
  void everyRoute_answersEveryRoleAndAnonymous_asDeclared() {
    List<String> wrong = new ArrayList<>();
    for (ApiRoute route : app.app().routes()) {
      int anonymous = call(route, null);
      boolean open = route.access() instanceof Access.Anyone;
      if (open ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
        wrong.add(route + " anonymous → " + anonymous);
      }
      for (Role role : Role.values()) {
        int status = call(route, app.login(DEMO_USER.get(role), "Demo@2026"));
        boolean allowed = open || ((Access.Roles) route.access()).roles().contains(role);
        boolean ok = allowed ? answered(route, status) : status == 403;
        if (!ok) {
          wrong.add(route + " as " + role + " → " + status + (allowed ? " (allowed)" : " (not allowed)"));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * Queries that make a list or search route answer 2xx; the routes left out need a subject (a
   * person, a point, an enrolled device, two log sizes) and their own tests call them with one.
   */
  static final Map<String, String> QUERY = Map.of("/api/v1/houses", "?q=%E7%A6%8F%E7%94%B0", "/api/v1/enterprises", "?q=91");
  static final Set<String> NEEDS_A_SUBJECT = Set.of("/api/v1/graph/neighbourhood", "/api/v1/graph/path",
      "/api/v1/geo/crs/transform", "/api/v1/geo/grid-at", "/api/v1/geo/houses/nearest", "/api/v1/ledger/consistency",
      "/api/v1/sync/changes");

  /**
   * An allowed caller passes the access check: a GET of a list (no path parameter) answers 2xx;
   * any other route, called with placeholder ids and an empty body, answers 2xx or a 4xx that is
   * not 401/403 (not found, invalid body) and never a 5xx.
   */
  private static boolean answered(ApiRoute route, int status) {
    boolean list = route.method().name().equals("GET") && !route.path().contains("{") && !NEEDS_A_SUBJECT.contains(route.path());
    return list ? status >= 200 && status < 300 : status != 401 && status != 403 && status < 500;
  }

  /** Calls a route with placeholder ids and an empty JSON body: enough to pass or fail the access check. */
  private static int call(ApiRoute route, String token) {
    String path = route.path().replaceAll("\\{[^}]+}", "999999") + QUERY.getOrDefault(route.path(), "");
    boolean body = route.method().name().equals("POST") || route.method().name().equals("PUT");
    return app.http().send(route.method().name(), path, token, body ? "{}" : null,
        body ? Map.of("Content-Type", "application/json") : Map.of()).status();
  }

  private static Set<String> declaredRoles(Access access) {
    if (access instanceof Access.Roles roles) {
      Set<String> names = new TreeSet<>();
      roles.roles().forEach(r -> names.add(r.name()));
      return names;
    }
    return Set.of("ANYONE");
  }
}
