package cn.citygrid.backend.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/** One community being populated: its address prefix, grids and the houses built so far. */
final class Community {
  final String code;
  final String addressPrefix;   // 深圳市福田区园岭街道百花社区
  final List<String> gridCodes;
  final List<MultiPolygon> gridShapes;
  final List<House> residential = new ArrayList<>();
  final List<House> commercial = new ArrayList<>();
  final List<Long> workingAge = new ArrayList<>();

  Community(String code, String addressPrefix, List<String> gridCodes, List<MultiPolygon> gridShapes) {
    this.code = code;
    this.addressPrefix = addressPrefix;
    this.gridCodes = gridCodes;
    this.gridShapes = gridShapes;
  }

  record House(long id, String gridCode, String address, Point point) {}
}
