package cn.citygrid.geo.crs;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Converts longitude/latitude between the API's coordinate systems. CGCS2000 and WGS84 are
 * treated as the same frame (they differ by centimetres today, far below what the GCJ-02/BD-09
 * offsets or a phone's GPS can see; docs/gis.md gives the figures), so every path goes through
 * WGS84: {@code from → WGS84 → to}.
 */
public final class CrsTransform {
  private CrsTransform() {}

  public static LonLat transform(LonLat p, Crs from, Crs to) {
    return transform(p.lon(), p.lat(), from, to);
  }

  public static LonLat transform(double lon, double lat, Crs from, Crs to) {
    if (from == to || isWgs84Frame(from) && isWgs84Frame(to)) {
      return new LonLat(lon, lat);
    }
    LonLat wgs = toWgs84(lon, lat, from);
    return fromWgs84(wgs.lon(), wgs.lat(), to);
  }

  /**
   * A copy of {@code g} with every coordinate converted (Z/M kept, SRID set to 4490 or 4326 when
   * the target has an EPSG code, else 0). Topology is not re-checked: the offsets move
   * neighbouring vertices by almost the same amount (the field varies by well under a millimetre
   * per metre), so a valid polygon stays valid in practice.
   */
  public static Geometry transform(Geometry g, Crs from, Crs to) {
    Geometry copy = g.copy();
    if (from == to || isWgs84Frame(from) && isWgs84Frame(to)) {
      copy.setSRID(to.epsg());
      return copy;
    }
    copy.apply(new CoordinateSequenceFilter() {
      @Override
      public void filter(CoordinateSequence seq, int i) {
        LonLat p = transform(seq.getX(i), seq.getY(i), from, to);
        seq.setOrdinate(i, CoordinateSequence.X, p.lon());
        seq.setOrdinate(i, CoordinateSequence.Y, p.lat());
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
    copy.setSRID(to.epsg());
    return copy;
  }

  public static Coordinate transform(Coordinate c, Crs from, Crs to) {
    LonLat p = transform(c.x, c.y, from, to);
    return new Coordinate(p.lon(), p.lat());
  }

  private static boolean isWgs84Frame(Crs crs) {
    return crs == Crs.WGS84 || crs == Crs.CGCS2000;
  }

  private static LonLat toWgs84(double lon, double lat, Crs from) {
    return switch (from) {
      case CGCS2000, WGS84 -> new LonLat(lon, lat);
      case GCJ02 -> ChinaOffsets.gcj02ToWgs84(lon, lat);
      case BD09 -> {
        LonLat gcj = ChinaOffsets.bd09ToGcj02(lon, lat);
        yield ChinaOffsets.gcj02ToWgs84(gcj.lon(), gcj.lat());
      }
    };
  }

  private static LonLat fromWgs84(double lon, double lat, Crs to) {
    return switch (to) {
      case CGCS2000, WGS84 -> new LonLat(lon, lat);
      case GCJ02 -> ChinaOffsets.wgs84ToGcj02(lon, lat);
      case BD09 -> {
        LonLat gcj = ChinaOffsets.wgs84ToGcj02(lon, lat);
        yield ChinaOffsets.gcj02ToBd09(gcj.lon(), gcj.lat());
      }
    };
  }
}
