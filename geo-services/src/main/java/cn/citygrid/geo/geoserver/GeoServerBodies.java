package cn.citygrid.geo.geoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Request bodies in the JSON (and, for GeoWebCache, XML) shapes the GeoServer 2.24 REST docs show. */
final class GeoServerBodies {
  private final GeoServerConfig config;

  GeoServerBodies(GeoServerConfig config) {
    this.config = config;
  }

  JsonObject workspace() {
    return new JsonObject().put("workspace", new JsonObject().put("name", config.workspace()));
  }

  JsonObject dataStore() {
    GeoServerConfig.Database db = config.db();
    JsonArray entries = new JsonArray();
    entry(entries, "dbtype", "postgis");
    entry(entries, "host", db.host());
    entry(entries, "port", String.valueOf(db.port()));
    entry(entries, "database", db.database());
    entry(entries, "schema", db.schema());
    entry(entries, "user", db.user());
    entry(entries, "passwd", db.password());
    entry(entries, "Expose primary keys", "true");
    entry(entries, "Loose bbox", "true");
    entry(entries, "Estimated extends", "true");
    return new JsonObject().put("dataStore", new JsonObject().put("name", config.datastore())
        .put("description", "CityGrid PostGIS, CGCS2000 (EPSG:4490)").put("type", "PostGIS").put("enabled", true)
        .put("connectionParameters", new JsonObject().put("entry", entries)));
  }

  private static void entry(JsonArray entries, String key, String value) {
    entries.add(new JsonObject().put("@key", key).put("$", value));
  }

  JsonObject featureType(PublishedLayer layer) {
    return new JsonObject().put("featureType", new JsonObject().put("name", layer.table()).put("nativeName", layer.table())
        .put("title", layer.title()).put("srs", "EPSG:4490").put("projectionPolicy", "FORCE_DECLARED").put("enabled", true));
  }

  JsonObject defaultStyle(PublishedLayer layer) {
    return new JsonObject().put("layer", new JsonObject()
        .put("defaultStyle", new JsonObject().put("name", layer.style()).put("workspace", config.workspace())));
  }

  JsonObject layerGroup(String name, List<PublishedLayer> layers) {
    JsonArray published = new JsonArray();
    JsonArray styles = new JsonArray();
    for (PublishedLayer l : layers) {
      published.add(new JsonObject().put("@type", "layer").put("name", config.workspace() + ":" + l.table()));
      styles.add(new JsonObject().put("name", config.workspace() + ":" + l.style()));
    }
    return new JsonObject().put("layerGroup", new JsonObject().put("name", name).put("mode", "SINGLE")
        .put("title", "CityGrid 城市网格").put("workspace", new JsonObject().put("name", config.workspace()))
        .put("publishables", new JsonObject().put("published", published))
        .put("styles", new JsonObject().put("style", styles)));
  }

  String seed(String qualifiedName) {
    return "<seedRequest><name>" + qualifiedName + "</name><gridSetId>EPSG:900913</gridSetId>"
        + "<zoomStart>" + config.seedZoomStart() + "</zoomStart><zoomStop>" + config.seedZoomStop() + "</zoomStop>"
        + "<format>image/png</format><type>seed</type><threadCount>2</threadCount></seedRequest>";
  }
}
