package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads polygon features from a zipped ESRI Shapefile (.shp + .dbf, optional .cpg; per the ESRI
 * Shapefile Technical Description, July 1998). Polygon, PolygonZ and PolygonM records are read as
 * 2-D polygons: rings are grouped by orientation (clockwise = outer ring, counter-clockwise = hole
 * inside the smallest outer ring containing it; a hole inside no outer ring is taken as an outer
 * ring, since some writers get orientation wrong). Null shapes are skipped. Attributes come from
 * {@link DbfReader}.
 */
public final class ShapefileReader {
  /** One record: its polygon(s) (a Polygon or MultiPolygon, SRID 0) and its attributes. */
  public record Feature(int record, Geometry geometry, Map<String, Object> attributes) {}

  private static final long MAX_UNZIPPED_BYTES = 256L << 20;
  private static final int POLYGON = 5;
  private static final int POLYGON_Z = 15;
  private static final int POLYGON_M = 25;

  private ShapefileReader() {}

  /** Reads the one shapefile inside {@code zip}. Fails INVALID {@code shapefile-invalid} on anything unreadable. */
  public static List<Feature> readZip(byte[] zip, GeometryFactory factory) {
    Map<String, byte[]> files = unzip(zip);
    List<String> shps = files.keySet().stream().filter(n -> n.endsWith(".shp")).toList();
    if (shps.size() != 1) {
      throw invalid("压缩包中应有且只有一个 .shp 文件（实际 " + shps.size() + " 个）",
          "the zip must hold exactly one .shp file, found " + shps.size());
    }
    String base = shps.get(0).substring(0, shps.get(0).length() - 4);
    byte[] dbf = files.get(base + ".dbf");
    if (dbf == null) {
      throw invalid("缺少 " + base + ".dbf 属性文件", "missing attribute file " + base + ".dbf");
    }
    byte[] cpg = files.get(base + ".cpg");
    List<Map<String, Object>> attributes = DbfReader.read(dbf, cpg == null ? null : new String(cpg, java.nio.charset.StandardCharsets.US_ASCII));
    return read(files.get(base + ".shp"), attributes, factory);
  }

  static List<Feature> read(byte[] shp, List<Map<String, Object>> attributes, GeometryFactory factory) {
    try {
      ByteBuffer in = ByteBuffer.wrap(shp);
      if (in.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
        throw invalid(".shp 文件头无效", "not a .shp file (file code is not 9994)");
      }
      int fileBytes = in.getInt(24) * 2;
      List<Feature> features = new ArrayList<>();
      int pos = 100;
      for (int index = 0; pos + 8 <= Math.min(fileBytes, shp.length); index++) {
        int contentBytes = in.order(ByteOrder.BIG_ENDIAN).getInt(pos + 4) * 2;
        ByteBuffer content = ByteBuffer.wrap(shp, pos + 8, contentBytes).slice().order(ByteOrder.LITTLE_ENDIAN);
        Geometry g = shape(content, factory);
        if (g != null) {
          features.add(new Feature(index + 1, g, index < attributes.size() ? attributes.get(index) : Map.of()));
        }
        pos += 8 + contentBytes;
      }
      return features;
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw invalid(".shp 文件被截断或已损坏", "the .shp file is truncated or corrupt");
    }
  }

  private static Geometry shape(ByteBuffer c, GeometryFactory factory) {
    int type = c.getInt(0);
    if (type == 0) {
      return null;
    }
    if (type != POLYGON && type != POLYGON_Z && type != POLYGON_M) {
      throw invalid("只支持面要素（Polygon），实际类型 " + type, "only polygon shapefiles are supported, got shape type " + type);
    }
    int parts = c.getInt(36);
    int points = c.getInt(40);
    int pointsAt = 44 + 4 * parts;
    List<LinearRing> rings = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = c.getInt(44 + 4 * p);
      int to = p + 1 < parts ? c.getInt(44 + 4 * (p + 1)) : points;
      Coordinate[] ring = new Coordinate[to - from];
      for (int i = from; i < to; i++) {
        ring[i - from] = new Coordinate(c.getDouble(pointsAt + 16 * i), c.getDouble(pointsAt + 16 * i + 8));
      }
      rings.add(factory.createLinearRing(ring));
    }
    return assemble(rings, factory);
  }

  /** Groups rings into polygons by orientation and containment. */
  static Geometry assemble(List<LinearRing> rings, GeometryFactory factory) {
    List<LinearRing> shells = new ArrayList<>();
    List<LinearRing> holes = new ArrayList<>();
    for (LinearRing r : rings) {
      (Orientation.isCCW(r.getCoordinateSequence()) ? holes : shells).add(r);
    }
    Map<LinearRing, List<LinearRing>> holesOf = new HashMap<>();
    for (LinearRing hole : holes) {
      LinearRing owner = null;
      for (LinearRing shell : shells) {
        boolean inside = factory.createPolygon(shell).covers(factory.createPoint(hole.getCoordinateN(0)));
        if (inside && (owner == null || shell.getEnvelopeInternal().getArea() < owner.getEnvelopeInternal().getArea())) {
          owner = shell;
        }
      }
      if (owner == null) {
        shells.add(hole);
      } else {
        holesOf.computeIfAbsent(owner, k -> new ArrayList<>()).add(hole);
      }
    }
    Polygon[] polygons = shells.stream()
        .map(s -> factory.createPolygon(s, holesOf.getOrDefault(s, List.of()).toArray(LinearRing[]::new)))
        .toArray(Polygon[]::new);
    return polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
  }

  /** Entries by lower-case file name (folders dropped), bounded in total size against zip bombs. */
  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> files = new HashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.isDirectory() || e.getName().contains("__MACOSX")) {
          continue;
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNZIPPED_BYTES - total + 1));
        total += bytes.length;
        if (total > MAX_UNZIPPED_BYTES) {
          throw invalid("压缩包解压后超过 256 MiB", "the zip unpacks to more than 256 MiB");
        }
        String name = e.getName().substring(e.getName().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        files.put(name, bytes);
      }
    } catch (IOException e) {
      throw invalid("不是有效的 zip 压缩包", "not a readable zip file: " + e.getMessage());
    }
    return files;
  }

  static GeoException invalid(String zh, String en) {
    return GeoException.invalid("shapefile-invalid", zh, en, new JsonObject());
  }
}
