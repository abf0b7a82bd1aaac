package cn.citygrid.backend.demo;

import cn.citygrid.backend.auth.ScopeCodes;
import cn.citygrid.backend.demo.Divisions.Division;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Writes the region tree and unit grids of the demo city, and decides which communities get
 * residents: about 1,250 each (a real community's order of magnitude), starting in 福田区 around
 * the civic centre, until the requested population is placed.
 */
final class CityPlan {
  static final String HOME_DISTRICT = "440304";
  static final int PER_COMMUNITY = 1250;

  private final Divisions divisions;
  private final CityLayout layout;
  private final Map<String, MultiPolygon> shapes;

  CityPlan(Divisions divisions, long seed) {
    this.divisions = divisions;
    this.layout = new CityLayout(seed);
    Random grids = new Random(seed ^ 0x5DEECE66DL);
    this.shapes = layout.layout(divisions.city(), community -> 3 + grids.nextInt(3));
  }

  CityLayout layout() {
    return layout;
  }

  void writeRegions(DemoTables t) {
    Division province = divisions.province();
    t.region.row(province.code(), ScopeCodes.prefix(province.code()), null, 1, province.name(), null, null);
    write(t, divisions.city(), province.code());
  }

  private void write(DemoTables t, Division d, String parent) {
    MultiPolygon shape = shapes.get(d.code());
    t.region.row(d.code(), ScopeCodes.prefix(d.code()), parent, d.level(), d.name(), ewkt(shape),
        Population.ewkt(shape.getInteriorPoint()));
    if (d.level() == 5) {
      for (String grid : grids(d)) {
        t.grid.row(grid, d.code(), d.name() + "第" + Integer.parseInt(grid.substring(12)) + "网格", ewkt(shapes.get(grid)));
      }
      return;
    }
    d.children().forEach(child -> write(t, child, d.code()));
  }

  /** Grid codes of a community, in sequence. */
  List<String> grids(Division community) {
    List<String> out = new ArrayList<>();
    for (int i = 1; shapes.containsKey(GridCodes.grid(community.code(), i)); i++) {
      out.add(GridCodes.grid(community.code(), i));
    }
    return out;
  }

  MultiPolygon shape(String code) {
    return shapes.get(code);
  }

  /** Communities in the order they are populated: the home district first, then the others. */
  List<Division> communitiesInOrder() {
    List<Division> districts = new ArrayList<>(divisions.city().children());
    districts.sort(Comparator.comparing(d -> d.code().equals(HOME_DISTRICT) ? 0 : 1));
    List<Division> out = new ArrayList<>();
    districts.forEach(d -> out.addAll(d.descendants(5)));
    return out;
  }

  /** 深圳市福田区园岭街道百花社区: the address prefix of a community. */
  String addressPrefix(Division community) {
    String district = community.code().substring(0, 6);
    String street = community.code().substring(0, 9);
    Division d = divisions.city().children().stream().filter(x -> x.code().equals(district)).findFirst().orElseThrow();
    Division s = d.children().stream().filter(x -> x.code().equals(street)).findFirst().orElseThrow();
    return divisions.city().name() + d.name() + s.name() + community.name();
  }

  List<String> localCounties() {
    return divisions.city().children().stream().map(Division::code).toList();
  }

  static String ewkt(MultiPolygon shape) {
    return "SRID=4490;" + shape.toText();
  }
}
