package cn.citygrid.geo.geoserver;

import cn.citygrid.geo.GeoException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes our tables through GeoServer's REST API, following the GeoServer 2.24 documentation
 * ({@code /rest/workspaces}, {@code …/datastores}, {@code …/featuretypes}, {@code …/styles},
 * {@code /rest/layers}, {@code …/layergroups}) and GeoWebCache's {@code /gwc/rest/seed}. Every step
 * is idempotent: it looks first (GET), creates what is missing, updates what must follow our
 * configuration (store connection, styles, the layer group), and takes a 409 on create as
 * "someone else just created it". Not run against a live GeoServer here: tested against a stub
 * that speaks the documented endpoints. Disabled (no requests at all) without a configured URL.
 */
public final class GeoServerPublisher {
  /** What one step did: created, updated, exists, seeded or skipped. */
  public record Step(String resource, String outcome) {}

  private final WebClient client;
  private final GeoServerConfig config;
  private final GeoServerBodies bodies;

  public GeoServerPublisher(Vertx vertx, GeoServerConfig config) {
    this(WebClient.create(vertx), config);
  }

  public GeoServerPublisher(WebClient client, GeoServerConfig config) {
    this.client = client;
    this.config = config;
    this.bodies = new GeoServerBodies(config);
  }

  /** Workspace, store, each layer with its style, the layer group {@code workspace}, then seeds the group. */
  public Future<List<Step>> publish(List<PublishedLayer> layers) {
    List<Step> steps = new ArrayList<>();
    if (!config.enabled()) {
      steps.add(new Step("geoserver", "skipped"));
      return Future.succeededFuture(steps);
    }
    Future<Void> chain = record(steps, ensureWorkspace()).compose(v -> record(steps, ensureDataStore()));
    for (PublishedLayer layer : layers) {
      chain = chain.compose(v -> record(steps, ensureFeatureType(layer)))
          .compose(v -> record(steps, ensureStyle(layer)))
          .compose(v -> record(steps, setDefaultStyle(layer)));
    }
    return chain.compose(v -> record(steps, ensureLayerGroup(config.workspace(), layers)))
        .compose(v -> record(steps, seed(config.workspace())))
        .map(v -> steps)
        .recover(GeoServerPublisher::unreachable);
  }

  /** A failure without an HTTP answer (refused, timed out, DNS) is an UPSTREAM failure too, naming only its kind. */
  private static Future<List<Step>> unreachable(Throwable e) {
    if (e instanceof GeoException) {
      return Future.failedFuture(e);
    }
    String kind = e.getClass().getSimpleName();
    return Future.failedFuture(new GeoException(GeoException.Kind.UPSTREAM, "geoserver-failed",
        "无法连接 GeoServer（" + kind + "）", "GeoServer could not be reached (" + kind + ")",
        new JsonObject().put("resource", "connection").put("reason", kind)));
  }

  private static Future<Void> record(List<Step> steps, Future<Step> step) {
    return step.map(s -> {
      steps.add(s);
      return null;
    });
  }

  public Future<Step> ensureWorkspace() {
    String path = "/rest/workspaces/" + config.workspace();
    return ensure("workspace " + config.workspace(), path,
        () -> send(HttpMethod.POST, "/rest/workspaces", bodies.workspace()), null);
  }

  /** The store's connection (host, password …) is re-sent when it exists, so configuration changes reach GeoServer. */
  public Future<Step> ensureDataStore() {
    String list = "/rest/workspaces/" + config.workspace() + "/datastores";
    String path = list + "/" + config.datastore();
    return ensure("datastore " + config.datastore(), path,
        () -> send(HttpMethod.POST, list, bodies.dataStore()), () -> send(HttpMethod.PUT, path, bodies.dataStore()));
  }

  public Future<Step> ensureFeatureType(PublishedLayer layer) {
    String list = "/rest/workspaces/" + config.workspace() + "/datastores/" + config.datastore() + "/featuretypes";
    return ensure("featuretype " + layer.table(), list + "/" + layer.table(),
        () -> send(HttpMethod.POST, list, bodies.featureType(layer)), null);
  }

  public Future<Step> ensureStyle(PublishedLayer layer) {
    String list = "/rest/workspaces/" + config.workspace() + "/styles";
    String path = list + "/" + layer.style();
    return ensure("style " + layer.style(), path,
        () -> sendSld(HttpMethod.POST, list + "?name=" + layer.style(), layer.sld()),
        () -> sendSld(HttpMethod.PUT, path, layer.sld()));
  }

  public Future<Step> setDefaultStyle(PublishedLayer layer) {
    String path = "/rest/layers/" + config.workspace() + ":" + layer.table();
    return send(HttpMethod.PUT, path, bodies.defaultStyle(layer))
        .compose(r -> expect(r, "layer " + layer.table(), 200, 201))
        .map(r -> new Step("layer " + layer.table() + " style", "updated"));
  }

  public Future<Step> ensureLayerGroup(String name, List<PublishedLayer> layers) {
    String list = "/rest/workspaces/" + config.workspace() + "/layergroups";
    String path = list + "/" + name;
    return ensure("layergroup " + name, path,
        () -> send(HttpMethod.POST, list, bodies.layerGroup(name, layers)),
        () -> send(HttpMethod.PUT, path, bodies.layerGroup(name, layers)));
  }

  /** Asks GeoWebCache to seed {@code workspace:name} in the EPSG:900913 gridset over the configured zooms. */
  public Future<Step> seed(String name) {
    String qualified = config.workspace() + ":" + name;
    return request(HttpMethod.POST, "/gwc/rest/seed/" + qualified + ".xml").putHeader("Content-Type", "text/xml")
        .sendBuffer(Buffer.buffer(bodies.seed(qualified)))
        .compose(r -> expect(r, "seed " + qualified, 200))
        .map(r -> new Step("seed " + qualified, "seeded"));
  }

  /**
   * GET {@code path}: missing → {@code create} (a 409 means it appeared meanwhile: then as if it
   * existed); present → {@code update} when given, else nothing.
   */
  private Future<Step> ensure(String resource, String path, Supplier<Future<HttpResponse<Buffer>>> create,
      Supplier<Future<HttpResponse<Buffer>>> update) {
    return request(HttpMethod.GET, path).send().compose(found -> {
      if (found.statusCode() == 200) {
        return update == null ? Future.succeededFuture(new Step(resource, "exists")) : updated(resource, update);
      }
      expect(found, resource, 404);
      return create.get().compose(created -> created.statusCode() == 409
          ? (update == null ? Future.succeededFuture(new Step(resource, "exists")) : updated(resource, update))
          : expect(created, resource, 200, 201).map(r -> new Step(resource, "created")));
    });
  }

  private Future<Step> updated(String resource, Supplier<Future<HttpResponse<Buffer>>> update) {
    return update.get().compose(r -> expect(r, resource, 200, 201)).map(r -> new Step(resource, "updated"));
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body) {
    return request(method, path).sendJsonObject(body);
  }

  private Future<HttpResponse<Buffer>> sendSld(HttpMethod method, String path, String sld) {
    return request(method, path).putHeader("Content-Type", "application/vnd.ogc.sld+xml").sendBuffer(Buffer.buffer(sld));
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.requestAbs(method, config.base() + path)
        .basicAuthentication(config.user() == null ? "" : config.user(), config.password() == null ? "" : config.password())
        .putHeader("Accept", "application/json")
        .timeout(config.timeout().toMillis());
  }

  /** Passes the response on when its status is expected, else fails UPSTREAM (never echoing credentials). */
  private static Future<HttpResponse<Buffer>> expect(HttpResponse<Buffer> r, String resource, int... ok) {
    for (int status : ok) {
      if (r.statusCode() == status) {
        return Future.succeededFuture(r);
      }
    }
    String body = r.bodyAsString() == null ? "" : r.bodyAsString();
    JsonObject details = new JsonObject().put("resource", resource).put("status", r.statusCode())
        .put("body", body.substring(0, Math.min(300, body.length())));
    boolean auth = r.statusCode() == 401 || r.statusCode() == 403;
    throw new GeoException(GeoException.Kind.UPSTREAM, auth ? "geoserver-unauthorized" : "geoserver-failed",
        (auth ? "GeoServer 拒绝了凭据（" : "GeoServer 请求失败（") + resource + "，HTTP " + r.statusCode() + "）",
        (auth ? "GeoServer refused the credentials (" : "GeoServer request failed (") + resource + ", HTTP " + r.statusCode() + ")",
        details);
  }
}
