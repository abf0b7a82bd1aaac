package cn.citygrid.backend;

import cn.citygrid.backend.geo.GeoProblems;
import cn.citygrid.backend.http.ApiRouter;
import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.metrics.EventLoopProbe;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/** One HTTP server instance per event loop; all instances share the port and the services in {@link Wiring}. */
final class HttpVerticle extends AbstractVerticle {
  private final Wiring wiring;
  private HttpServer server;

  HttpVerticle(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void start(Promise<Void> started) {
    EventLoopProbe.start(vertx, wiring.metrics().registry());
    Router router = router();
    server = vertx.createHttpServer(new HttpServerOptions()
        .setCompressionSupported(true)
        // Level 1: most of the size win for JSON and the web admin's assets at a fraction of level 6's CPU,
        // which runs on the event loop.
        .setCompressionLevel(1)
        // Phones gzip upload batches above 8 KiB (docs/sync-protocol.md); body limits apply to the inflated bytes.
        .setDecompressionSupported(true)
        .setHost(wiring.config().http().host())
        .setPort(wiring.config().http().port()));
    server.requestHandler(router).listen().<Void>mapEmpty().onComplete(started);
  }

  int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler(GeoProblems::translate);
    router.route().handler(new RequestLog());
    wiring.health().mount(router);
    wiring.metrics().mount(router);
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(wiring.openApi()));
    new ApiRouter(wiring.auth(), wiring.config().http().bodyLimit()).mount(router, wiring.routes());
    mountWebAdmin(router);
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }

  /**
   * The built web admin, with client-side routing: unknown non-API paths get index.html. Hashed
   * files under /assets are immutable; index.html and the rest must be revalidated, or browsers
   * would keep an old page that names assets a new deployment no longer has.
   */
  private void mountWebAdmin(Router router) {
    Path root = Path.of(wiring.config().http().webRoot()).toAbsolutePath();
    if (!Files.isRegularFile(root.resolve("index.html"))) {
      return;
    }
    router.route("/assets/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString()).setCachingEnabled(true)
            .setMaxAgeSeconds(365L * 24 * 3600));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      String path = ctx.normalizedPath();
      if (path.startsWith("/api/") || path.startsWith("/tiles/") || path.contains(".")) {
        ctx.next();
      } else {
        ctx.response().putHeader("Cache-Control", "no-cache").sendFile(root.resolve("index.html").toString());
      }
    });
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-cache");
      ctx.next();
    }).handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString()).setCachingEnabled(false));
  }
}
