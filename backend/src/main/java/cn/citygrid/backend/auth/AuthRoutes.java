package cn.citygrid.backend.auth;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Sign-in, refresh, sign-out and the caller's own account. */
public final class AuthRoutes {
  private final AuthService auth;

  public AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/api/v1/auth/login", Access.anyone(), Reply.json(this::login)),
        ApiRoute.post("/api/v1/auth/refresh", Access.anyone(), Reply.json(this::refresh)),
        ApiRoute.post("/api/v1/auth/logout", Access.signedIn(), Reply.noContent(this::logout)),
        ApiRoute.get("/api/v1/me", Access.signedIn(), Reply.json(this::me)),
        ApiRoute.put("/api/v1/me/password", Access.signedIn(), Reply.noContent(this::changePassword)));
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String username = body.requiredString("username", 64);
    String password = body.requiredString("password", 256);
    body.validate();
    String client = ctx.request().getHeader("User-Agent");
    return auth.login(username.trim().toLowerCase(), password, client == null ? null : truncate(client))
        .map(AuthService.LoginResult::toJson);
  }

  private Future<JsonObject> refresh(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String token = body.requiredString("refreshToken", 128);
    body.validate();
    return auth.refresh(token).map(AuthService.LoginResult::toJson);
  }

  private Future<Void> logout(RoutingContext ctx) {
    return auth.logout(principal(ctx));
  }

  private Future<JsonObject> me(RoutingContext ctx) {
    Principal p = principal(ctx);
    return Future.succeededFuture(new JsonObject()
        .put("id", p.accountId())
        .put("username", p.username())
        .put("displayName", p.displayName())
        .put("roles", p.roles().stream().map(Enum::name).sorted().toList())
        .put("scope", p.scope())
        .put("department", p.department()));
  }

  private Future<Void> changePassword(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String current = body.requiredString("currentPassword", 256);
    String next = body.requiredString("newPassword", 256);
    PasswordPolicy.check(body, "newPassword", next);
    body.validate();
    return auth.changePassword(principal(ctx), current, next);
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
