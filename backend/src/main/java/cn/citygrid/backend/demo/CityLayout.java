package cn.citygrid.backend.demo;

import cn.citygrid.backend.demo.Divisions.Division;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Generated geometry around the city's real centre: the city area is split into districts,
 * districts into streets, streets into communities and communities into unit grids, each by a
 * relaxed Voronoi partition clipped to its parent, so children tile their parent. Coordinates are
 * CGCS2000 longitude/latitude rounded to 1e-7° (about 1 cm). Deterministic from the seed.
 */
final class CityLayout {
  /** 深圳市民中心 (Shenzhen civic centre), the real centre the generated city is drawn around. */
  static final Coordinate CENTRE = new Coordinate(114.0596, 22.5430);
  static final double HALF_WIDTH = 0.36;
  static final double HALF_HEIGHT = 0.17;

  final GeometryFactory geometry = new GeometryFactory(new PrecisionModel(1e7), 4490);
  private final Random random;
  private final Map<String, MultiPolygon> shapes = new LinkedHashMap<>();

  CityLayout(long seed) {
    this.random = new Random(seed);
  }

  /** Lays out {@code city} and its descendants; {@code gridsPerCommunity} gives each community's grid count. */
  Map<String, MultiPolygon> layout(Division city, java.util.function.ToIntFunction<Division> gridsPerCommunity) {
    Geometry area = cityArea();
    shapes.put(city.code(), multi(area));
    split(city, area, gridsPerCommunity);
    return shapes;
  }

  private void split(Division parent, Geometry area, java.util.function.ToIntFunction<Division> gridsPerCommunity) {
    if (parent.level() == 5) {
      List<Geometry> cells = partition(area, gridsPerCommunity.applyAsInt(parent));
      for (int i = 0; i < cells.size(); i++) {
        shapes.put(GridCodes.grid(parent.code(), i + 1), multi(cells.get(i)));
      }
      return;
    }
    List<Geometry> cells = partition(area, parent.children().size());
    for (int i = 0; i < cells.size(); i++) {
      Division child = parent.children().get(i);
      shapes.put(child.code(), multi(cells.get(i)));
      split(child, cells.get(i), gridsPerCommunity);
    }
  }

  /** An irregular, roughly elliptical city outline around the centre. */
  private Geometry cityArea() {
    int vertices = 48;
    Coordinate[] ring = new Coordinate[vertices + 1];
    for (int i = 0; i < vertices; i++) {
      double angle = 2 * Math.PI * i / vertices;
      double wobble = 0.85 + 0.15 * random.nextDouble();
      ring[i] = round(new Coordinate(CENTRE.x + HALF_WIDTH * wobble * Math.cos(angle),
          CENTRE.y + HALF_HEIGHT * wobble * Math.sin(angle)));
    }
    ring[vertices] = ring[0];
    return geometry.createPolygon(ring);
  }

  /**
   * Splits {@code area} into {@code n} cells: random sites, three rounds of Lloyd relaxation, then
   * Voronoi cells clipped to the area, ordered north to south, then west to east.
   */
  List<Geometry> partition(Geometry area, int n) {
    if (n <= 1) {
      return List.of(area);
    }
    List<Coordinate> sites = new ArrayList<>();
    while (sites.size() < n) {
      sites.add(randomPointIn(area, 0).getCoordinate());
    }
    List<Geometry> cells = List.of();
    for (int round = 0; round < 4; round++) {
      cells = voronoi(area, sites);
      sites = cells.stream().map(c -> c.getInteriorPoint().getCoordinate()).toList();
    }
    List<Geometry> ordered = new ArrayList<>(cells);
    ordered.sort(Comparator.<Geometry>comparingDouble(c -> -Math.round(c.getCentroid().getY() * 50) / 50.0)
        .thenComparingDouble(c -> c.getCentroid().getX()));
    return ordered;
  }

  private List<Geometry> voronoi(Geometry area, List<Coordinate> sites) {
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    Envelope clip = new Envelope(area.getEnvelopeInternal());
    clip.expandBy(clip.getWidth() + clip.getHeight());
    builder.setClipEnvelope(clip);
    Geometry diagram = builder.getDiagram(geometry);
    List<Geometry> cells = new ArrayList<>();
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = OverlayNG.overlay(diagram.getGeometryN(i), area, OverlayNG.INTERSECTION, geometry.getPrecisionModel());
      if (!cell.isEmpty() && cell.getArea() > 0) {
        cells.add(cell);
      }
    }
    return cells;
  }

  /** A random point at least {@code inset} degrees inside {@code area} (falls back to the interior point). */
  Point randomPointIn(Geometry area, double inset) {
    Geometry target = inset > 0 ? area.buffer(-inset) : area;
    if (target.isEmpty()) {
      return area.getInteriorPoint();
    }
    Envelope e = target.getEnvelopeInternal();
    for (int attempt = 0; attempt < 200; attempt++) {
      Point p = geometry.createPoint(round(new Coordinate(e.getMinX() + random.nextDouble() * e.getWidth(),
          e.getMinY() + random.nextDouble() * e.getHeight())));
      if (target.contains(p)) {
        return p;
      }
    }
    return target.getInteriorPoint();
  }

  private Coordinate round(Coordinate c) {
    geometry.getPrecisionModel().makePrecise(c);
    return c;
  }

  MultiPolygon multi(Geometry g) {
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(g);
    return geometry.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }
}
