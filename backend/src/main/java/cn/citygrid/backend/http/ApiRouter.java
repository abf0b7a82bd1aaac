package cn.citygrid.backend.http;

import cn.citygrid.backend.auth.Principal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** Mounts declared routes, each behind the access check it declares. */
public final class ApiRouter {
  private static final String PRINCIPAL_KEY = "citygrid.principal";
  private static final String BEARER = "Bearer ";

  private final Authenticator authenticator;
  private final BodyHandler bodies;

  public ApiRouter(Authenticator authenticator, int bodyLimit) {
    this.authenticator = authenticator;
    this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
  }

  public void mount(Router router, List<ApiRoute> routes) {
    for (ApiRoute route : routes) {
      router.route(route.method(), route.vertxPath())
          .handler(route.uploadLimit() > 0 ? uploads(route.uploadLimit()) : bodies)
          .handler(ctx -> {
            ctx.put(RequestLog.ROUTE_KEY, route.path());
            ctx.next();
          })
          .handler(ctx -> checkAccess(ctx, route.access()))
          .handler(route.handler());
    }
  }

  private static BodyHandler uploads(long limit) {
    return BodyHandler.create(System.getProperty("java.io.tmpdir") + "/citygrid-uploads").setBodyLimit(limit)
        .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true);
  }

  /** The caller of a route that is not {@link Access.Anyone}. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL_KEY);
    if (p == null) {
      throw new IllegalStateException("no principal: the route is declared Access.anyone()");
    }
    return p;
  }

  private void checkAccess(RoutingContext ctx, Access access) {
    if (access instanceof Access.Anyone) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.fail(new DomainException(ProblemType.UNAUTHENTICATED,
          Text.of("缺少访问令牌（Authorization: Bearer …）", "Missing access token (Authorization: Bearer …)")));
      return;
    }
    authenticator.authenticate(header.substring(BEARER.length()).trim())
        .onSuccess(principal -> admit(ctx, (Access.Roles) access, principal))
        .onFailure(ctx::fail);
  }

  private static void admit(RoutingContext ctx, Access.Roles access, Principal principal) {
    ctx.put(PRINCIPAL_KEY, principal);
    ctx.put(RequestLog.USER_KEY, principal.username());
    if (access.roles().stream().noneMatch(principal::has)) {
      ctx.fail(new DomainException(ProblemType.FORBIDDEN,
          Text.of("当前角色无权执行此操作", "Your role may not do this")));
      return;
    }
    ctx.next();
  }
}
