package cn.citygrid.geo.gridtools;

import org.locationtech.jts.geom.Geometry;

/**
 * A grid read from an import file, already in CGCS2000 lon/lat. {@code geometry} may be invalid:
 * the validation report says so. {@code source} names where it came from (e.g. "feature 3"). {@code badRing}: the
 * geometry could not be read at all (a ring not closed or too short; {@code geometry} is null), the report says where.
 */
public record ImportedGrid(String code, String name, Geometry geometry, String source, GeoJson.BadRing badRing) {
  public ImportedGrid(String code, String name, Geometry geometry, String source) {
    this(code, name, geometry, source, null);
  }

  public String communityCode() {
    return code != null && code.length() >= 12 ? code.substring(0, 12) : "";
  }
}
