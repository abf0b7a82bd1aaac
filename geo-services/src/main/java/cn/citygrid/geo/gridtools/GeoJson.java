package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** RFC 7946 geometry objects ↔ JTS, two dimensions. Coordinates pass through unchanged (the caller owns the CRS). */
public final class GeoJson {
  private GeoJson() {}

  public static JsonObject write(Geometry g) {
    JsonObject json = new JsonObject().put("type", g.getGeometryType());
    if (g instanceof GeometryCollection && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
      JsonArray members = new JsonArray();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        members.add(write(g.getGeometryN(i)));
      }
      return json.put("geometries", members);
    }
    return json.put("coordinates", coordinates(g));
  }

  private static JsonArray coordinates(Geometry g) {
    if (g instanceof Point p) {
      return p.isEmpty() ? new JsonArray() : position(p.getCoordinate());
    }
    if (g instanceof LineString l) {
      return positions(l.getCoordinates());
    }
    JsonArray parts = new JsonArray();
    if (g instanceof Polygon p) {
      if (!p.isEmpty()) {
        parts.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
          parts.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
      }
      return parts;
    }
    for (int i = 0; i < g.getNumGeometries(); i++) {
      parts.add(coordinates(g.getGeometryN(i)));
    }
    return parts;
  }

  private static JsonArray position(Coordinate c) {
    return new JsonArray().add(c.x).add(c.y);
  }

  private static JsonArray positions(Coordinate[] cs) {
    JsonArray a = new JsonArray();
    for (Coordinate c : cs) {
      a.add(position(c));
    }
    return a;
  }

  /** Reads a geometry object. Fails INVALID {@code geojson-invalid} on anything that is not one. */
  public static Geometry read(JsonObject json, GeometryFactory f) {
    try {
      String type = json.getString("type");
      JsonArray c = json.getJsonArray("coordinates");
      return switch (type) {
        case "Point" -> f.createPoint(coordinate(c));
        case "LineString" -> f.createLineString(coordinates(c));
        case "Polygon" -> polygon(c, f);
        case "MultiPoint" -> f.createMultiPointFromCoords(coordinates(c));
        case "MultiLineString" -> f.createMultiLineString(c.stream().map(l -> f.createLineString(coordinates((JsonArray) l))).toArray(LineString[]::new));
        case "MultiPolygon" -> f.createMultiPolygon(c.stream().map(p -> polygon((JsonArray) p, f)).toArray(Polygon[]::new));
        case "GeometryCollection" -> f.createGeometryCollection(json.getJsonArray("geometries").stream()
            .map(m -> read((JsonObject) m, f)).toArray(Geometry[]::new));
        default -> throw new IllegalArgumentException("unknown geometry type " + type);
      };
    } catch (BadRing e) {
      throw e;
    } catch (RuntimeException e) {
      throw GeoException.invalid("geojson-invalid", "GeoJSON 几何对象无效：" + e.getMessage(),
          "not a valid GeoJSON geometry: " + e.getMessage(), new JsonObject());
    }
  }

  private static Polygon polygon(JsonArray rings, GeometryFactory f) {
    LinearRing shell = ring(rings.getJsonArray(0), f);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.getJsonArray(i), f);
    }
    return f.createPolygon(shell, holes);
  }

  /**
   * A polygon ring that cannot even be built (JTS refuses it): not closed, or fewer than four positions.
   * {@code where} is the ring as given, a line (or a point), in the file's coordinates.
   */
  public static final class BadRing extends IllegalArgumentException {
    public final String zh;
    public final String en;
    public final transient Geometry where;

    BadRing(String zh, String en, Geometry where) {
      super(en);
      this.zh = zh;
      this.en = en;
      this.where = where;
    }
  }

  private static LinearRing ring(JsonArray positions, GeometryFactory f) {
    Coordinate[] cs = coordinates(positions);
    if (cs.length == 0) {
      return f.createLinearRing(cs);
    }
    Geometry where = cs.length == 1 ? f.createPoint(cs[0]) : f.createLineString(cs);
    if (cs.length < 4) {
      throw new BadRing("点数太少（" + cs.length + " 个，闭合的环至少 4 个）", "too few points (" + cs.length + "; a closed ring needs 4)", where);
    }
    if (!cs[0].equals2D(cs[cs.length - 1])) {
      throw new BadRing("环未闭合（首尾坐标不同）", "ring not closed (first and last positions differ)", where);
    }
    return f.createLinearRing(cs);
  }

  private static Coordinate coordinate(JsonArray p) {
    return new Coordinate(p.getDouble(0), p.getDouble(1));
  }

  private static Coordinate[] coordinates(JsonArray ps) {
    Coordinate[] cs = new Coordinate[ps.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = coordinate(ps.getJsonArray(i));
    }
    return cs;
  }
}
