package cn.citygrid.geo.geoserver;

import static cn.citygrid.geo.testing.TestVertx.await;
import static cn.citygrid.geo.testing.TestVertx.failure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.geoserver.GeoServerPublisher.Step;
import cn.citygrid.geo.testing.TestVertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher against a stub speaking GeoServer's documented REST endpoints (no live GeoServer here). */
class GeoServerPublisherIT {
  TestVertx vertx;
  GeoServerStub stub;
  int port;

  @BeforeEach
  void start() throws Exception {
    vertx = new TestVertx();
    stub = new GeoServerStub();
    port = stub.start(vertx.vertx());
  }

  @AfterEach
  void stop() {
    vertx.close();
  }

  GeoServerPublisher publisher(String password) {
    var db = new GeoServerConfig.Database("pg.internal", 5432, "citygrid", "grid", "gs_reader", "s3cret-db");
    return new GeoServerPublisher(vertx.vertx(), new GeoServerConfig("http://127.0.0.1:" + port + "/geoserver/",
        "admin", password, "citygrid", "citygrid_pg", db, 10, 14, Duration.ofSeconds(5)));
  }

  @Test
  void publish_onAnEmptyGeoServer_createsEverythingInOrder() {
    List<Step> steps = await(publisher("geoserver").publish(PublishedLayer.defaults()));
    assertThat(steps).filteredOn(s -> s.outcome().equals("created")).hasSize(1 + 1 + 4 + 4 + 1);
    assertThat(stub.calls()).startsWith(
        "GET /rest/workspaces/citygrid", "POST /rest/workspaces",
        "GET /rest/workspaces/citygrid/datastores/citygrid_pg", "POST /rest/workspaces/citygrid/datastores",
        "GET /rest/workspaces/citygrid/datastores/citygrid_pg/featuretypes/region",
        "POST /rest/workspaces/citygrid/datastores/citygrid_pg/featuretypes",
        "GET /rest/workspaces/citygrid/styles/citygrid_region", "POST /rest/workspaces/citygrid/styles?name=citygrid_region",
        "PUT /rest/layers/citygrid:region");
    assertThat(stub.calls()).endsWith("POST /rest/workspaces/citygrid/layergroups", "POST /gwc/rest/seed/citygrid:citygrid.xml");
  }

  @Test
  void publish_sendsTheDocumentedBodies() {
    await(publisher("geoserver").publish(PublishedLayer.defaults()));
    JsonObject store = new JsonObject(stub.resources.get("/rest/workspaces/citygrid/datastores/citygrid_pg")).getJsonObject("dataStore");
    assertThat(store.getJsonObject("connectionParameters").getJsonArray("entry").encode())
        .contains("{\"@key\":\"dbtype\",\"$\":\"postgis\"}", "{\"@key\":\"schema\",\"$\":\"grid\"}",
            "{\"@key\":\"host\",\"$\":\"pg.internal\"}", "{\"@key\":\"passwd\",\"$\":\"s3cret-db\"}");
    JsonObject ft = new JsonObject(stub.resources.get("/rest/workspaces/citygrid/datastores/citygrid_pg/featuretypes/unit_grid"));
    assertThat(ft.getJsonObject("featureType").getString("srs")).isEqualTo("EPSG:4490");
    GeoServerStub.Request style = stub.requests.stream().filter(r -> r.path().contains("styles?name=citygrid_house")).findFirst().orElseThrow();
    assertThat(style.contentType()).isEqualTo("application/vnd.ogc.sld+xml");
    assertThat(style.body()).contains("<StyledLayerDescriptor", "<PointSymbolizer>");
    JsonObject group = new JsonObject(stub.resources.get("/rest/workspaces/citygrid/layergroups/citygrid")).getJsonObject("layerGroup");
    assertThat(group.getJsonObject("publishables").getJsonArray("published").encode())
        .contains("citygrid:region", "citygrid:unit_grid", "citygrid:building", "citygrid:house");
    GeoServerStub.Request seed = stub.requests.get(stub.requests.size() - 1);
    assertThat(seed.contentType()).isEqualTo("text/xml");
    assertThat(seed.body()).contains("<name>citygrid:citygrid</name>", "<zoomStart>10</zoomStart>", "<zoomStop>14</zoomStop>", "<type>seed</type>");
  }

  @Test
  void publishTwice_createsNothingTheSecondTime() {
    await(publisher("geoserver").publish(PublishedLayer.defaults()));
    var before = new java.util.HashMap<>(stub.resources);
    stub.requests.clear();
    List<Step> again = await(publisher("geoserver").publish(PublishedLayer.defaults()));
    assertThat(again).noneMatch(s -> s.outcome().equals("created"));
    assertThat(stub.calls()).noneMatch(c -> c.startsWith("POST /rest/"));
    assertThat(stub.resources).isEqualTo(before);
  }

  @Test
  void createAnsweredWith409_isTakenAsAlreadyThere() {
    stub.resources.put("/rest/workspaces/citygrid", "{}");
    stub.hiddenFromGet.add("/rest/workspaces/citygrid"); // as if another node created it between our GET and POST
    assertThat(await(publisher("geoserver").ensureWorkspace())).isEqualTo(new Step("workspace citygrid", "exists"));
  }

  @Test
  void wrongPassword_failsUpstreamWithoutEchoingIt() {
    Throwable f = failure(publisher("wrong-password").publish(PublishedLayer.defaults()));
    assertThat(f).isInstanceOfSatisfying(GeoException.class, e -> {
      assertThat(e.kind()).isEqualTo(GeoException.Kind.UPSTREAM);
      assertThat(e.code()).isEqualTo("geoserver-unauthorized");
      assertThat(e.details().getInteger("status")).isEqualTo(401);
      assertThat(e.details().encode() + e.getMessage() + e.zhMessage()).doesNotContain("wrong-password");
    });
    assertThat(stub.requests).hasSize(1);
  }

  @Test
  void serverError_stopsThePublicationAndSaysWhere() {
    stub.broken.add("/rest/workspaces/citygrid/datastores/citygrid_pg/featuretypes");
    Throwable f = failure(publisher("geoserver").publish(PublishedLayer.defaults()));
    assertThat(((GeoException) f).code()).isEqualTo("geoserver-failed");
    assertThat(((GeoException) f).details().getString("resource")).isEqualTo("featuretype region");
    assertThat(stub.calls()).noneMatch(c -> c.contains("styles"));
  }

  @Test
  void notConfigured_isANoOpWithoutRequests() {
    List<Step> steps = await(new GeoServerPublisher(vertx.vertx(), GeoServerConfig.disabled()).publish(PublishedLayer.defaults()));
    assertThat(steps).containsExactly(new Step("geoserver", "skipped"));
    assertThat(stub.requests).isEmpty();
    assertThat(GeoServerConfig.from(new JsonObject()).enabled()).isFalse();
    assertThat(GeoServerConfig.from(new JsonObject().put("url", "http://x/geoserver").put("password", "p")).toString()).doesNotContain("p]");
  }
}
