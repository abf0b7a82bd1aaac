package cn.citygrid.geo.gridtools;

import org.locationtech.jts.geom.Geometry;

/**
 * A grid read from an import file, already in CGCS2000 lon/lat. {@code geometry} may be invalid:
 * the validation report says so. {@code source} names where it came from (e.g. "feature 3").
 */
public record ImportedGrid(String code, String name, Geometry geometry, String source) {
  public String communityCode() {
    return code != null && code.length() >= 12 ? code.substring(0, 12) : "";
  }
}
