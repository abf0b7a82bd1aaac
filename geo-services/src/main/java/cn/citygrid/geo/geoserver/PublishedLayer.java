package cn.citygrid.geo.geoserver;

import java.util.List;

/** A table published as a GeoServer layer with its own SLD style. */
public record PublishedLayer(String table, String title, String style, String sld) {
  /** Our tables: regions and grids as outlined polygons, buildings and houses as points. */
  public static List<PublishedLayer> defaults() {
    return List.of(
        new PublishedLayer("region", "行政区划 Regions", "citygrid_region", Sld.polygon("citygrid_region", "#7a8699", "#e3e9f2")),
        new PublishedLayer("unit_grid", "单元网格 Unit grids", "citygrid_unit_grid", Sld.polygon("citygrid_unit_grid", "#2f6fd0", "#dfe9f8")),
        new PublishedLayer("building", "建筑 Buildings", "citygrid_building", Sld.point("citygrid_building", "#8d8d8d", 6)),
        new PublishedLayer("house", "房屋 Houses", "citygrid_house", Sld.point("citygrid_house", "#e4572e", 4)));
  }
}
