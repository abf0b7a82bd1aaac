package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;

/**
 * Grid geometry tools: import (GeoJSON or zipped Shapefile → validation report → write when there
 * is no error), split by a line, merge two adjacent grids. Parsing and validation are CPU work and
 * run on worker threads; the writes are single transactions in {@link GridRepository}.
 */
public final class GridService {
  private final Vertx vertx;
  private final GridRepository repository;

  public GridService(Vertx vertx, GridRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  public Future<ImportReport> importGeoJson(JsonObject featureCollection, ImportOptions options) {
    return vertx.executeBlocking(() -> GridFeatures.fromGeoJson(featureCollection, options), false)
        .compose(grids -> importGrids(grids, options));
  }

  public Future<ImportReport> importShapefile(Buffer zip, ImportOptions options) {
    return vertx.executeBlocking(() -> GridFeatures.fromShapefileZip(zip.getBytes(), options), false)
        .compose(grids -> importGrids(grids, options));
  }

  private Future<ImportReport> importGrids(List<ImportedGrid> grids, ImportOptions options) {
    List<String> communities = grids.stream().map(ImportedGrid::communityCode).distinct().toList();
    // the communities' boundaries and their other stored grids are what overlaps and gaps are judged against
    return Future.all(repository.communities(communities), repository.gridsOf(communities))
        .compose(both -> vertx.executeBlocking(() -> new GridValidator(options.overlapToleranceM2(), options.gapToleranceM2())
            .validate(grids, both.<List<ImportedGrid>>resultAt(1), both.<Map<String, Geometry>>resultAt(0)), false))
        .compose(findings -> write(grids, findings, options));
  }

  private Future<ImportReport> write(List<ImportedGrid> grids, List<Finding> findings, ImportOptions options) {
    ImportReport unwritten = new ImportReport(grids.size(), 0, Reassigned.NONE, findings, options.dryRun());
    if (options.dryRun() || unwritten.hasErrors() || grids.isEmpty()) {
      return Future.succeededFuture(unwritten);
    }
    return repository.upsert(grids).map(moved -> new ImportReport(grids.size(), grids.size(), moved, findings, false));
  }

  /**
   * Splits grid {@code code} along {@code line} (in {@code crs}): the larger piece keeps the code,
   * the other becomes {@code newCode} (same community, 15 digits) named {@code newName}; houses and
   * other features move by position.
   */
  public Future<GridChange> split(String code, Geometry line, Crs crs, String newCode, String newName) {
    if (!(line instanceof Lineal)) {
      return Future.failedFuture(GeoException.invalid("split-line-invalid", "分割线应为线（LineString）",
          "the split line must be a LineString or MultiLineString", new JsonObject()));
    }
    if (newCode == null || !newCode.matches("[0-9]{15}") || !newCode.startsWith(code.substring(0, Math.min(12, code.length())))) {
      return Future.failedFuture(GeoException.invalid("grid-code-invalid", "新网格编码应为同一社区下的 15 位数字：" + newCode,
          "the new grid code must be 15 digits in the same community: " + newCode, new JsonObject().put("newCode", newCode)));
    }
    return repository.split(code, CrsTransform.transform(line, crs, Crs.CGCS2000), newCode, newName);
  }

  /** Grid {@code keep} absorbs the adjacent grid {@code absorb} (same community) with all its features. */
  public Future<GridChange> merge(String keep, String absorb) {
    if (keep.equals(absorb)) {
      return Future.failedFuture(GeoException.invalid("grids-not-adjacent", "不能与自身合并", "a grid cannot absorb itself",
          new JsonObject().put("code", keep)));
    }
    return repository.merge(keep, absorb);
  }
}
