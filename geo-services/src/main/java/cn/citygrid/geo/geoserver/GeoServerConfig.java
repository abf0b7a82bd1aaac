package cn.citygrid.geo.geoserver;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Where GeoServer is and what to publish. Without a {@code url} the publisher does nothing.
 *
 * @param url       GeoServer base URL, e.g. {@code http://gis.internal:8080/geoserver}
 * @param workspace workspace (and namespace) to publish into, e.g. {@code citygrid}
 * @param datastore name of the PostGIS store in that workspace
 * @param db        how GeoServer (not we) reaches PostgreSQL
 * @param seedZoomStart first zoom GeoWebCache seeds (EPSG:900913 gridset)
 * @param seedZoomStop  last zoom it seeds
 */
public record GeoServerConfig(String url, String user, String password, String workspace, String datastore,
    Database db, int seedZoomStart, int seedZoomStop, Duration timeout) {
  /** The connection GeoServer's PostGIS store uses (schema {@code grid}). */
  public record Database(String host, int port, String database, String schema, String user, String password) {}

  public static GeoServerConfig disabled() {
    return new GeoServerConfig(null, null, null, "citygrid", "citygrid_pg", null, 10, 14, Duration.ofSeconds(30));
  }

  public boolean enabled() {
    return url != null && !url.isBlank();
  }

  /**
   * Keys: url, user, password, workspace, datastore, seedZoomStart, seedZoomStop, timeoutSeconds and
   * db {host, port, database, schema, user, password}. No url: disabled.
   */
  public static GeoServerConfig from(JsonObject json) {
    GeoServerConfig d = disabled();
    JsonObject db = json.getJsonObject("db", new JsonObject());
    return new GeoServerConfig(json.getString("url"), json.getString("user"), json.getString("password"),
        json.getString("workspace", d.workspace), json.getString("datastore", d.datastore),
        new Database(db.getString("host", "127.0.0.1"), db.getInteger("port", 5432), db.getString("database", "citygrid"),
            db.getString("schema", "grid"), db.getString("user", "citygrid"), db.getString("password", "")),
        json.getInteger("seedZoomStart", d.seedZoomStart), json.getInteger("seedZoomStop", d.seedZoomStop),
        Duration.ofSeconds(json.getInteger("timeoutSeconds", 30)));
  }

  String base() {
    return url.replaceAll("/+$", "");
  }

  @Override
  public String toString() { // never print passwords
    return "GeoServerConfig[url=" + url + ", user=" + user + ", workspace=" + workspace + ", datastore=" + datastore + "]";
  }
}
