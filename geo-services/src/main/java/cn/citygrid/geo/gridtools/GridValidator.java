package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.gridtools.Finding.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks grids before they are imported: codes (15 digits, unique, of a known community), valid
 * polygons (JTS IsValidOp: self-intersections, bad rings, …), grids leaving their community,
 * overlaps between grids (the imported ones and the community's other grids already stored) and
 * gaps, the parts of a community no grid covers. Overlaps, gaps and spills smaller than the
 * tolerances (m²) are ignored: digitised boundaries never meet exactly. Areas are computed on a
 * local equirectangular approximation (good to well under 1 % over a city).
 */
public final class GridValidator {
  private static final String[] ZH_ERRORS = {"拓扑错误", "重复点", "洞在外环之外", "洞相互嵌套", "内部不连通", "自相交",
      "环自相交", "外环相互嵌套", "重复的环", "点数太少", "坐标无效", "环未闭合"};

  private final double overlapToleranceM2;
  private final double gapToleranceM2;

  public GridValidator(double overlapToleranceM2, double gapToleranceM2) {
    this.overlapToleranceM2 = overlapToleranceM2;
    this.gapToleranceM2 = gapToleranceM2;
  }

  /**
   * @param imported    the grids of the import
   * @param existing    other grids already stored in the imported grids' communities (not replaced by the import)
   * @param communities community code → boundary, for every community the database knows
   */
  public List<Finding> validate(List<ImportedGrid> imported, List<ImportedGrid> existing, Map<String, Geometry> communities) {
    List<Finding> findings = new ArrayList<>();
    List<ImportedGrid> usable = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ImportedGrid g : imported) {
      int before = findings.size();
      checkCode(g, seen, communities, findings);
      checkGeometry(g, findings);
      if (findings.size() == before) {
        usable.add(g);
        checkInside(g, communities.get(g.communityCode()), findings);
      }
    }
    checkOverlaps(usable, existing, findings);
    checkGaps(usable, existing, communities, findings);
    return findings;
  }

  private static void checkCode(ImportedGrid g, Set<String> seen, Map<String, Geometry> communities, List<Finding> out) {
    if (g.code() == null || !g.code().matches("[0-9]{15}")) {
      out.add(new Finding(Severity.ERROR, "code-invalid", g.code(), g.source() + "：网格编码应为 15 位数字：" + g.code(),
          g.source() + ": a grid code is 15 digits (GB/T 30428.1): " + g.code(), null, 0));
    } else if (!seen.add(g.code())) {
      out.add(new Finding(Severity.ERROR, "code-duplicate", g.code(), g.source() + "：网格编码重复：" + g.code(),
          g.source() + ": duplicate grid code " + g.code(), null, 0));
    } else if (!communities.containsKey(g.communityCode())) {
      out.add(new Finding(Severity.ERROR, "community-unknown", g.code(), "网格 " + g.code() + " 所属社区 " + g.communityCode() + " 不存在",
          "grid " + g.code() + ": community " + g.communityCode() + " does not exist", null, 0));
    }
  }

  private static void checkGeometry(ImportedGrid g, List<Finding> out) {
    Geometry geom = g.geometry();
    if (g.badRing() != null) {
      out.add(new Finding(Severity.ERROR, "geometry-invalid", g.code(), g.source() + "：网格 " + g.code() + " 几何无效：" + g.badRing().zh,
          g.source() + ": grid " + g.code() + " geometry is invalid: " + g.badRing().en, g.badRing().where, 0));
      return;
    }
    if (geom == null || geom.isEmpty() || !(geom instanceof Polygonal)) {
      out.add(new Finding(Severity.ERROR, "geometry-invalid", g.code(), "网格 " + g.code() + " 不是面（Polygon/MultiPolygon）",
          "grid " + g.code() + " is not a polygon or multipolygon", null, 0));
      return;
    }
    TopologyValidationError e = new IsValidOp(geom).getValidationError();
    if (e != null) {
      String zh = e.getErrorType() < ZH_ERRORS.length ? ZH_ERRORS[e.getErrorType()] : e.getMessage();
      String at = e.getCoordinate() == null ? "" : " (" + e.getCoordinate().x + " " + e.getCoordinate().y + ")";
      out.add(new Finding(Severity.ERROR, "geometry-invalid", g.code(), "网格 " + g.code() + " 几何无效：" + zh + at,
          "grid " + g.code() + " geometry is invalid: " + e.getMessage() + at,
          e.getCoordinate() == null ? null : geom.getFactory().createPoint(e.getCoordinate()), 0));
    }
  }

  private void checkInside(ImportedGrid g, Geometry community, List<Finding> out) {
    Geometry outside = OverlayNGRobust.overlay(g.geometry(), community, org.locationtech.jts.operation.overlayng.OverlayNG.DIFFERENCE);
    double area = areaM2(outside);
    if (area > overlapToleranceM2) {
      out.add(new Finding(Severity.ERROR, "outside-community", g.code(),
          "网格 " + g.code() + " 超出所属社区 " + g.communityCode() + " 约 " + Math.round(area) + " 平方米",
          "grid " + g.code() + " extends about " + Math.round(area) + " m² beyond community " + g.communityCode(), outside, area));
    }
  }

  private void checkOverlaps(List<ImportedGrid> imported, List<ImportedGrid> existing, List<Finding> out) {
    Set<String> replaced = new HashSet<>();
    imported.forEach(g -> replaced.add(g.code()));
    STRtree index = new STRtree();
    List<ImportedGrid> all = new ArrayList<>(imported);
    existing.stream().filter(g -> !replaced.contains(g.code())).forEach(all::add);
    for (int i = 0; i < all.size(); i++) {
      index.insert(all.get(i).geometry().getEnvelopeInternal(), i);
    }
    for (int i = 0; i < imported.size(); i++) {
      ImportedGrid a = imported.get(i);
      for (Object j : index.query(a.geometry().getEnvelopeInternal())) {
        if ((Integer) j > i) { // each pair once; pairs of two stored grids are not this import's business
          overlap(a, all.get((Integer) j), out);
        }
      }
    }
  }

  private void overlap(ImportedGrid a, ImportedGrid b, List<Finding> out) {
    Geometry shared = OverlayNGRobust.overlay(a.geometry(), b.geometry(), org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
    Geometry polygons = shared.getFactory().buildGeometry(PolygonExtracter.getPolygons(shared));
    double area = areaM2(polygons);
    if (area > overlapToleranceM2) {
      out.add(new Finding(Severity.ERROR, "overlap", a.code(),
          "网格 " + a.code() + " 与 " + b.code() + " 重叠约 " + Math.round(area) + " 平方米",
          "grids " + a.code() + " and " + b.code() + " overlap by about " + Math.round(area) + " m²", polygons, area));
    }
  }

  private void checkGaps(List<ImportedGrid> imported, List<ImportedGrid> existing, Map<String, Geometry> communities, List<Finding> out) {
    Map<String, List<Geometry>> byCommunity = new LinkedHashMap<>();
    imported.forEach(g -> byCommunity.computeIfAbsent(g.communityCode(), k -> new ArrayList<>()).add(g.geometry()));
    Set<String> replaced = new HashSet<>();
    imported.forEach(g -> replaced.add(g.code()));
    existing.stream().filter(g -> !replaced.contains(g.code()) && byCommunity.containsKey(g.communityCode()))
        .forEach(g -> byCommunity.get(g.communityCode()).add(g.geometry()));
    byCommunity.forEach((code, grids) -> {
      Geometry community = communities.get(code);
      Geometry covered = UnaryUnionNG.union(community.getFactory().buildGeometry(grids), community.getPrecisionModel());
      gaps(code, OverlayNGRobust.overlay(community, covered, org.locationtech.jts.operation.overlayng.OverlayNG.DIFFERENCE), out);
    });
  }

  private void gaps(String community, Geometry uncovered, List<Finding> out) {
    for (Object o : PolygonExtracter.getPolygons(uncovered)) {
      Geometry gap = (Geometry) o;
      double area = areaM2(gap);
      if (area > gapToleranceM2) {
        out.add(new Finding(Severity.WARNING, "gap", community,
            "社区 " + community + " 有约 " + Math.round(area) + " 平方米未被任何网格覆盖",
            "about " + Math.round(area) + " m² of community " + community + " is in no grid", gap, area));
      }
    }
  }

  /** Area in m² of lon/lat geometry, scaled at its centroid's latitude. */
  static double areaM2(Geometry g) {
    if (g.isEmpty()) {
      return 0;
    }
    double lat = Math.toRadians(g.getCentroid().getY());
    return g.getArea() * 111_320.0 * Math.cos(lat) * 110_574.0;
  }
}
