package cn.citygrid.backend.geo;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.gridtools.GridChange;
import cn.citygrid.geo.gridtools.GridService;
import cn.citygrid.geo.gridtools.ImportOptions;
import cn.citygrid.geo.gridtools.ImportReport;
import cn.citygrid.geo.tiles.TileCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;

/**
 * Grid imports, splits and merges on behalf of a caller: limited to the caller's scope, accounts
 * following a merge, and this node's tile cache cleared for the communities changed before the
 * answer leaves (other nodes hear of it through the database's NOTIFY).
 */
final class GridEdits {
  private final Vertx vertx;
  private final GridService grids;
  private final GridEditRepository repository;
  private final TileCache tiles;
  private final Function<Long, Future<Void>> endSessions;

  GridEdits(Vertx vertx, GridService grids, GridEditRepository repository, TileCache tiles,
      Function<Long, Future<Void>> endSessions) {
    this.vertx = vertx;
    this.endSessions = endSessions;
    this.grids = grids;
    this.repository = repository;
    this.tiles = tiles;
  }

  /** A GeoJSON FeatureCollection, or a zipped Shapefile when {@code zip}. */
  Future<ImportReport> importFile(Principal caller, Buffer file, boolean zip, ImportOptions options) {
    ImportOptions scoped = options.within(GeoScopes.of(caller));
    Future<ImportReport> report = zip ? grids.importShapefile(file, scoped)
        : parseJson(file).compose(json -> grids.importGeoJson(json, scoped));
    return report.compose(r -> r.written() == 0 ? Future.succeededFuture(r)
        : forgetTiles(r.codes().stream().map(GridEdits::community).collect(Collectors.toSet())).map(r));
  }

  private Future<JsonObject> parseJson(Buffer file) {
    return vertx.executeBlocking(() -> {
      try {
        return file.toJsonObject();
      } catch (RuntimeException e) {
        throw GeoException.invalid("geojson-invalid", "文件不是 GeoJSON（也不是 zip 压缩的 Shapefile）",
            "the file is neither GeoJSON nor a zipped Shapefile", new JsonObject());
      }
    }, false);
  }

  Future<GridChange> split(Principal caller, String code, Geometry line, Crs crs, String newCode, String newName) {
    GeoScopes.requireGrid(caller, code);
    GeoScopes.requireGrid(caller, newCode);
    return grids.split(code, line, crs, newCode, newName)
        .compose(change -> forgetTiles(Set.of(community(code))).map(change));
  }

  /**
   * {@code keep} absorbs {@code absorb}; accounts scoped to {@code absorb} are scoped to {@code keep}
   * in the same transaction, and their sessions end, as after any change of scope: a signed-in
   * principal still holds the absorbed code, which no longer names anything.
   */
  Future<GridChange> merge(Principal caller, String keep, String absorb) {
    GeoScopes.requireGrid(caller, keep);
    GeoScopes.requireGrid(caller, absorb);
    List<Long> moved = new ArrayList<>();
    return grids.merge(keep, absorb, conn -> GridEditRepository.moveScopes(conn, absorb, keep).map(ids -> {
          moved.addAll(ids);
          return (Void) null;
        }))
        .compose(change -> Future.all(moved.stream().map(endSessions::apply).toList()).map(change))
        .compose(change -> forgetTiles(new HashSet<>(List.of(community(keep), community(absorb)))).map(change));
  }

  /**
   * The change is committed by now: failing here would report a done edit as failed, so a failed
   * extent query drops this node's whole cache instead (NOTIFY still reaches the others).
   */
  private Future<Void> forgetTiles(Set<String> communities) {
    return repository.communityExtent(communities).<Void>map(box -> {
      box.ifPresent(tiles::invalidate);
      return null;
    }).otherwise(e -> {
      tiles.invalidateAll();
      return null;
    });
  }

  private static String community(String gridCode) {
    return gridCode.substring(0, Math.min(12, gridCode.length()));
  }
}
