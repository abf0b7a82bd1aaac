package cn.citygrid.backend.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: assigns the request id (the caller's {@code X-Request-Id} when
 * well-formed), echoes it on the response, makes it visible to every log line written while the
 * request runs, and writes one access line when the response ends.
 */
public final class RequestLog implements Handler<RoutingContext> {
  public static final String HEADER = "X-Request-Id";
  /** Key of the request id in the Vert.x (duplicated, per-request) context and the routing context. */
  public static final String KEY = "citygrid.rid";
  /** Routing-context key where {@link ApiRouter} records the matched route template. */
  public static final String ROUTE_KEY = "citygrid.route";
  /** Routing-context key where the authenticated user's name is recorded. */
  public static final String USER_KEY = "citygrid.user";

  private static final Logger ACCESS = LoggerFactory.getLogger("citygrid.access");
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String incoming = ctx.request().getHeader(HEADER);
    String rid = incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    ctx.put(KEY, rid);
    Context context = Vertx.currentContext();
    if (context != null) {
      context.putLocal(KEY, rid);
    }
    ctx.response().putHeader(HEADER, rid);
    // Written as the headers go out, so the line exists before the caller sees any response.
    ctx.addHeadersEndHandler(v -> ACCESS.info("method={} route={} status={} durationMs={} user={}",
        ctx.request().method(), route(ctx), ctx.response().getStatusCode(),
        (System.nanoTime() - start) / 1_000_000, user(ctx)));
    ctx.next();
  }

  public static String requestId(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  private static String route(RoutingContext ctx) {
    String template = ctx.get(ROUTE_KEY);
    if (template != null) {
      return template;
    }
    // Unmatched requests (404/405) have no route worth naming.
    int status = ctx.response().getStatusCode();
    boolean unmatched = status == 404 || status == 405 || ctx.currentRoute() == null;
    return unmatched || ctx.currentRoute().getPath() == null ? "-" : ctx.currentRoute().getPath();
  }

  private static String user(RoutingContext ctx) {
    String user = ctx.get(USER_KEY);
    return user == null ? "-" : user;
  }
}
