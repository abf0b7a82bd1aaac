package cn.citygrid.geo.geoserver;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for GeoServer 2.24's REST endpoints that the publisher uses, keeping what was
 * created in memory: GET answers 200/404, POST creates (201) or answers 409 when it exists, PUT
 * updates what exists (404 otherwise). Basic auth admin:geoserver. Every request is recorded.
 */
final class GeoServerStub {
  record Request(String method, String path, String contentType, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Resource path → last body written. */
  final Map<String, String> resources = new ConcurrentHashMap<>();
  /** Paths whose GET pretends they are missing (to provoke a 409 on create, as in a race). */
  final Set<String> hiddenFromGet = ConcurrentHashMap.newKeySet();
  /** Path prefixes that answer 500. */
  final Set<String> broken = ConcurrentHashMap.newKeySet();
  HttpServer server;

  int start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(this::handle);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
    return server.actualPort();
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String path = req.path().replaceFirst("^/geoserver", "");
    String body = ctx.body().asString() == null ? "" : ctx.body().asString();
    requests.add(new Request(req.method().name(), path + (req.query() == null ? "" : "?" + req.query()),
        req.getHeader("Content-Type"), body));
    String expected = "Basic " + Base64.getEncoder().encodeToString("admin:geoserver".getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(req.getHeader("Authorization"))) {
      ctx.response().setStatusCode(401).end("HTTP Status 401 – Unauthorized");
    } else if (broken.stream().anyMatch(path::startsWith)) {
      ctx.response().setStatusCode(500).end("java.lang.RuntimeException: broken on purpose");
    } else {
      respond(ctx, req.method().name(), path, body);
    }
  }

  private void respond(RoutingContext ctx, String method, String path, String body) {
    switch (method) {
      case "GET" -> ctx.response().setStatusCode(resources.containsKey(path) && !hiddenFromGet.contains(path) ? 200 : 404)
          .end(resources.getOrDefault(path, "No such resource"));
      case "POST" -> created(ctx, path, body);
      case "PUT" -> {
        boolean exists = resources.containsKey(path) || path.startsWith("/rest/layers/");
        if (exists) {
          resources.put(path, body);
        }
        ctx.response().setStatusCode(exists ? 200 : 404).end();
      }
      default -> ctx.response().setStatusCode(405).end();
    }
  }

  /** POST to a collection creates {collection}/{name}; the name is in the JSON body or the ?name= query. */
  private void created(RoutingContext ctx, String path, String body) {
    if (path.startsWith("/gwc/rest/seed/")) {
      ctx.response().setStatusCode(200).end();
      return;
    }
    String name = ctx.request().getParam("name");
    if (name == null) {
      io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(body);
      name = json.getJsonObject(json.fieldNames().iterator().next()).getString("name");
    }
    String resource = path + "/" + name;
    if (resources.putIfAbsent(resource, body) != null) {
      ctx.response().setStatusCode(409).end("'" + name + "' already exists");
      return;
    }
    ctx.response().setStatusCode(201).putHeader("Location", resource).end(name);
  }

  List<String> calls() {
    return requests.stream().map(r -> r.method() + " " + r.path()).toList();
  }
}
