package cn.citygrid.backend.auth;

import cn.citygrid.backend.auth.AccountRepository.NewAccount;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Account administration: create, list, change roles and scope, disable and enable. */
public final class UserRoutes {
  private static final Set<Role> TERRITORIAL = EnumSet.of(Role.GRID_WORKER, Role.SUPERVISOR, Role.LEADER);

  private final AuthService auth;
  private final AccountRepository accounts;
  private final ScopeRepository scopes;

  public UserRoutes(AuthService auth, AccountRepository accounts, Pool pool) {
    this.auth = auth;
    this.accounts = accounts;
    this.scopes = new ScopeRepository(pool);
  }

  public List<ApiRoute> routes() {
    Access admin = Access.roles(Role.ADMIN);
    return List.of(
        ApiRoute.get("/api/v1/users", admin, Reply.json(this::list)),
        ApiRoute.post("/api/v1/users", admin, Reply.created(this::create)),
        ApiRoute.put("/api/v1/users/{id}", admin, Reply.json(this::update)),
        ApiRoute.post("/api/v1/users/{id}/disable", admin, Reply.json(ctx -> setEnabled(ctx, false))),
        ApiRoute.post("/api/v1/users/{id}/enable", admin, Reply.json(ctx -> setEnabled(ctx, true))));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    Paging paging = Paging.of(ctx);
    return accounts.count().compose(total -> accounts.page(paging.offset(), paging.size())
        .map(page -> paging.toJson(total, new JsonArray(page.stream().map(UserRoutes::toJson).toList()))));
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String username = body.requiredString("username", 64);
    String password = body.requiredString("password", 256);
    PasswordPolicy.check(body, "password", password);
    Profile profile = profile(body);
    if (username != null && !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
      body.error("username", "pattern", Text.of("用户名只能包含小写字母、数字和 . _ -", "Lower-case letters, digits and . _ - only"));
    }
    body.validate();
    return checkScope(profile.scope())
        .compose(v -> auth.create(new NewAccount(username, profile.displayName(), profile.roles(),
            profile.scope(), profile.department(), false), password))
        .map(UserRoutes::toJson);
  }

  private Future<JsonObject> update(RoutingContext ctx) {
    long id = Paging.pathId(ctx, "id");
    JsonBody body = JsonBody.of(ctx);
    Profile profile = profile(body);
    body.validate();
    // New roles or scope take effect at the next sign-in (AuthService#signedOutAround: no session keeps the old rights).
    return checkScope(profile.scope())
        .compose(v -> auth.signedOutAround(id, "roles or scope changed",
            () -> accounts.setProfile(id, profile.displayName(), profile.roles(), profile.scope(), profile.department())))
        .map(UserRoutes::toJson);
  }

  private Future<JsonObject> setEnabled(RoutingContext ctx, boolean enabled) {
    return auth.setEnabled(Paging.pathId(ctx, "id"), enabled).map(UserRoutes::toJson);
  }

  private static Profile profile(JsonBody body) {
    String displayName = body.requiredString("displayName", 64);
    Set<Role> roles = new LinkedHashSet<>(body.enumList("roles", Role.class, true));
    Set<String> scope = new LinkedHashSet<>(body.stringList("scope"));
    String department = body.optionalString("department", 64);
    if (roles.isEmpty()) {
      body.error("roles", "required", Text.of("至少选择一个角色", "Choose at least one role"));
    }
    if (roles.stream().anyMatch(TERRITORIAL::contains) && scope.isEmpty()) {
      body.error("scope", "required", Text.of("网格员、管理员和领导须关联区划或网格", "Workers, supervisors and leaders need a region or grid"));
    }
    if (roles.contains(Role.DATA_STEWARD) && department == null) {
      body.error("department", "required", Text.of("数据专员须指定部门", "A data steward needs a department"));
    }
    scope.stream().filter(code -> !code.matches("[0-9]{6}([0-9]{3}){0,3}")).forEach(code ->
        body.error("scope", "pattern", Text.of("区划或网格编码格式不正确：" + code, "Not a region or grid code: " + code)));
    return new Profile(displayName, roles, scope, department);
  }

  private Future<Void> checkScope(Set<String> scope) {
    if (scope.isEmpty()) {
      return Future.succeededFuture();
    }
    return scopes.existing(scope).compose(found -> {
      List<DomainException.FieldError> missing = scope.stream().filter(c -> !found.contains(c))
          .map(c -> new DomainException.FieldError("scope", "unknown",
              Text.of("区划或网格不存在：" + c, "No such region or grid: " + c)))
          .toList();
      return missing.isEmpty() ? Future.succeededFuture() : Future.failedFuture(DomainException.validation(missing));
    });
  }

  static JsonObject toJson(Account a) {
    return new JsonObject()
        .put("id", a.id())
        .put("username", a.username())
        .put("displayName", a.displayName())
        .put("roles", a.roles().stream().map(Enum::name).sorted().toList())
        .put("scope", a.scope().stream().sorted().toList())
        .put("department", a.department())
        .put("enabled", a.enabled());
  }

  private record Profile(String displayName, Set<Role> roles, Set<String> scope, String department) {}
}
