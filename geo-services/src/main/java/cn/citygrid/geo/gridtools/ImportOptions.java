package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.tiles.TileScope;
import java.util.List;

/**
 * How to read an import: the coordinate system of the file, the attribute names holding the grid
 * code and name (tried in order, case-insensitive), the tolerances of the validation, whether to
 * only validate, and the scope the importing account may change (a grid outside it is an
 * {@code out-of-scope} error).
 */
public record ImportOptions(Crs crs, List<String> codeFields, List<String> nameFields,
    double overlapToleranceM2, double gapToleranceM2, boolean dryRun, TileScope scope) {
  /** code/grid_code/wgbm (网格编码), name/grid_name/wgmc (网格名称), 1 m² overlap, 10 m² gap tolerances, every grid. */
  public static ImportOptions defaults(Crs crs) {
    return new ImportOptions(crs, List.of("code", "grid_code", "wgbm"), List.of("name", "grid_name", "wgmc"), 1.0, 10.0, false,
        TileScope.ALL);
  }

  public ImportOptions asDryRun() {
    return new ImportOptions(crs, codeFields, nameFields, overlapToleranceM2, gapToleranceM2, true, scope);
  }

  public ImportOptions withTolerances(double overlapM2, double gapM2) {
    return new ImportOptions(crs, codeFields, nameFields, overlapM2, gapM2, dryRun, scope);
  }

  public ImportOptions within(TileScope limit) {
    return new ImportOptions(crs, codeFields, nameFields, overlapToleranceM2, gapToleranceM2, dryRun, limit);
  }
}
