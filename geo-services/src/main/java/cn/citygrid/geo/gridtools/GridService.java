package cn.citygrid.geo.gridtools;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.crs.CrsTransform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    // grids the importer may not change are refused before anything about their communities is read
    List<Finding> refused = outOfScope(grids, options);
    List<ImportedGrid> allowed = grids.stream().filter(g -> g.code() == null || options.scope().covers(g.code())).toList();
    List<String> communities = allowed.stream().map(ImportedGrid::communityCode).distinct().toList();
    // the communities' boundaries and their other stored grids are what overlaps and gaps are judged against
    return Future.all(repository.communities(communities), repository.gridsOf(communities))
        .compose(both -> vertx.executeBlocking(() -> new GridValidator(options.overlapToleranceM2(), options.gapToleranceM2())
            .validate(allowed, both.<List<ImportedGrid>>resultAt(1), both.<Map<String, Geometry>>resultAt(0)), false))
        .compose(findings -> write(grids, concat(refused, findings), options));
  }

  private static List<Finding> outOfScope(List<ImportedGrid> grids, ImportOptions options) {
    return grids.stream().filter(g -> g.code() != null && !options.scope().covers(g.code()))
        .map(g -> new Finding(Finding.Severity.ERROR, "out-of-scope", g.code(), g.source() + "：网格 " + g.code() + " 不在您的管辖范围内",
            g.source() + ": grid " + g.code() + " is outside your scope", g.geometry(), 0))
        .toList();
  }

  private static List<Finding> concat(List<Finding> a, List<Finding> b) {
    List<Finding> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private Future<ImportReport> write(List<ImportedGrid> grids, List<Finding> findings, ImportOptions options) {
    List<String> codes = grids.stream().map(ImportedGrid::code).filter(java.util.Objects::nonNull).toList();
    ImportReport unwritten = new ImportReport(grids.size(), 0, Reassigned.NONE, findings, options.dryRun(), codes);
    if (options.dryRun() || unwritten.hasErrors() || grids.isEmpty()) {
      return Future.succeededFuture(unwritten);
    }
    return repository.upsert(grids).map(moved -> new ImportReport(grids.size(), grids.size(), moved, findings, false, codes));
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
    return merge(keep, absorb, conn -> Future.succeededFuture());
  }

  /**
   * As {@link #merge(String, String)}, running {@code alsoInTransaction} on the merge's connection
   * before it commits (e.g. the backend moving accounts scoped to {@code absorb}); its failure
   * rolls the merge back.
   */
  public Future<GridChange> merge(String keep, String absorb, Function<SqlConnection, Future<Void>> alsoInTransaction) {
    if (keep.equals(absorb)) {
      return Future.failedFuture(GeoException.invalid("grids-not-adjacent", "不能与自身合并", "a grid cannot absorb itself",
          new JsonObject().put("code", keep)));
    }
    return repository.merge(keep, absorb, alsoInTransaction);
  }
}
