package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** Turns import files (GeoJSON FeatureCollection, zipped Shapefile) into {@link ImportedGrid}s in CGCS2000. */
public final class GridFeatures {
  /** Floating precision, SRID 4490: coordinates are stored exactly as read (after any CRS conversion). */
  static final GeometryFactory CGCS2000 = new GeometryFactory(new PrecisionModel(), 4490);

  private GridFeatures() {}

  public static List<ImportedGrid> fromGeoJson(JsonObject collection, ImportOptions options) {
    if (!"FeatureCollection".equals(collection.getString("type"))) {
      throw GeoException.invalid("geojson-invalid", "应为 GeoJSON FeatureCollection", "expected a GeoJSON FeatureCollection",
          new JsonObject());
    }
    JsonArray features = collection.getJsonArray("features", new JsonArray());
    List<ImportedGrid> grids = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      JsonObject f = features.getJsonObject(i);
      JsonObject props = f.getJsonObject("properties", new JsonObject());
      String source = "feature " + (i + 1);
      try {
        Geometry g = f.getJsonObject("geometry") == null ? null : GeoJson.read(f.getJsonObject("geometry"), CGCS2000);
        grids.add(grid(props.getMap(), g, source, options));
      } catch (GeoJson.BadRing bad) {
        Geometry where = CrsTransform.transform(bad.where, options.crs(), Crs.CGCS2000);
        where.setSRID(4490);
        grids.add(new ImportedGrid(field(props.getMap(), options.codeFields()), field(props.getMap(), options.nameFields()), null,
            source, new GeoJson.BadRing(bad.zh, bad.en, where)));
      }
    }
    return grids;
  }

  public static List<ImportedGrid> fromShapefileZip(byte[] zip, ImportOptions options) {
    List<ImportedGrid> grids = new ArrayList<>();
    for (ShapefileReader.Feature f : ShapefileReader.readZip(zip, CGCS2000)) {
      grids.add(grid(f.attributes(), f.geometry(), "record " + f.record(), options));
    }
    return grids;
  }

  private static ImportedGrid grid(Map<String, Object> props, Geometry g, String source, ImportOptions options) {
    if (g != null) {
      checkLonLat(g, source);
      g = CrsTransform.transform(g, options.crs(), Crs.CGCS2000);
      g.setSRID(4490);
    }
    return new ImportedGrid(field(props, options.codeFields()), field(props, options.nameFields()), g, source);
  }

  /** Projected coordinates (e.g. a Gauss-Krüger zone in metres) would silently land in the ocean. */
  private static void checkLonLat(Geometry g, String source) {
    Envelope e = g.getEnvelopeInternal();
    if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
      throw GeoException.invalid("coordinates-not-lonlat",
          source + "：坐标不是经纬度（可能是投影坐标），请导出为 CGCS2000 经纬度（EPSG:4490）",
          source + ": coordinates are not longitude/latitude (projected?); export as CGCS2000 lon/lat (EPSG:4490)",
          new JsonObject().put("source", source));
    }
  }

  private static String field(Map<String, Object> props, List<String> names) {
    for (String name : names) {
      for (Map.Entry<String, Object> e : props.entrySet()) {
        if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && e.getValue() != null) {
          return e.getValue() instanceof java.math.BigDecimal d ? d.toPlainString() : e.getValue().toString().trim();
        }
      }
    }
    return null;
  }
}
