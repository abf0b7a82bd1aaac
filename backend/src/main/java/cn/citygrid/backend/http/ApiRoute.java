package cn.citygrid.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * One declared route: method, OpenAPI-style path ({@code /api/v1/users/{id}}), who may call it,
 * and the handler. The declarations are the single list the router mounts, the OpenAPI test
 * compares and the access test walks.
 */
public record ApiRoute(HttpMethod method, String path, Access access, Handler<RoutingContext> handler, long uploadLimit) {

  public ApiRoute(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    this(method, path, access, handler, 0);
  }

  /** A multipart file upload of at most {@code limit} bytes, spooled to disk, deleted when answered. */
  public static ApiRoute upload(String path, Access access, Handler<RoutingContext> handler, long limit) {
    return new ApiRoute(HttpMethod.POST, path, access, handler, limit);
  }

  public static ApiRoute get(String path, Access access, Handler<RoutingContext> handler) {
    return new ApiRoute(HttpMethod.GET, path, access, handler);
  }

  public static ApiRoute post(String path, Access access, Handler<RoutingContext> handler) {
    return new ApiRoute(HttpMethod.POST, path, access, handler);
  }

  public static ApiRoute put(String path, Access access, Handler<RoutingContext> handler) {
    return new ApiRoute(HttpMethod.PUT, path, access, handler);
  }

  public static ApiRoute delete(String path, Access access, Handler<RoutingContext> handler) {
    return new ApiRoute(HttpMethod.DELETE, path, access, handler);
  }

  /** The Vert.x form of the path: {@code {id}} becomes {@code :id}. */
  public String vertxPath() {
    return path.replaceAll("\\{([A-Za-z0-9_]+)}", ":$1");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
