package cn.citygrid.backend.geo;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.tiles.TileScope;

/**
 * What a caller sees on maps and may change with the grid tools: an administrator everything;
 * supervisors, leaders and grid workers the subtrees of their account's scope (code prefixes, as
 * {@link Principal#scope()} holds them). Roles without a territory (data stewards, citizens) are
 * not admitted to the GIS routes at all, so they never reach this.
 */
final class GeoScopes {
  private GeoScopes() {}

  static TileScope of(Principal caller) {
    return caller.has(Role.ADMIN) ? TileScope.ALL : TileScope.of(caller.scope());
  }

  /** A grid the caller may not see is reported as missing, so its existence does not leak. */
  static void requireGrid(Principal caller, String code) {
    if (!of(caller).covers(code)) {
      throw gridNotFound(code);
    }
  }

  static DomainException gridNotFound(String code) {
    return new DomainException(ProblemType.GRID_NOT_FOUND, Text.of("网格不存在或不在管辖范围内：" + code,
        "No grid " + code + " in your scope"));
  }
}
