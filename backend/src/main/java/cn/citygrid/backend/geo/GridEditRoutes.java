package cn.citygrid.backend.geo;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.DomainException.FieldError;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.crs.Crs;
import cn.citygrid.geo.gridtools.GeoJson;
import cn.citygrid.geo.gridtools.GridChange;
import cn.citygrid.geo.gridtools.ImportOptions;
import cn.citygrid.geo.gridtools.ImportReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Grid import (GeoJSON or zipped Shapefile), split and merge: administrators anywhere, supervisors in their scope. */
final class GridEditRoutes {
  static final long MAX_UPLOAD = 64L * 1024 * 1024;
  private static final GeometryFactory LON_LAT = new GeometryFactory();

  private final Vertx vertx;
  private final GridEdits edits;

  GridEditRoutes(Vertx vertx, GridEdits edits) {
    this.vertx = vertx;
    this.edits = edits;
  }

  List<ApiRoute> routes(Access editors) {
    return List.of(
        ApiRoute.upload("/api/v1/geo/grids/imports", editors, this::upload, MAX_UPLOAD),
        ApiRoute.post("/api/v1/geo/grids/{code}/split", editors, Reply.json(this::split)),
        ApiRoute.post("/api/v1/geo/grids/{code}/merge", editors, Reply.json(this::merge)));
  }

  /**
   * multipart/form-data with one part "file"; {@code ?crs&dryRun&overlapToleranceM2&gapToleranceM2}.
   * A dry run answers 200 with the report, a written import 201, a refused one 422 with the report.
   */
  private void upload(RoutingContext ctx) {
    GeoQuery q = new GeoQuery(ctx);
    ImportOptions options;
    try {
      options = options(q);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    List<FileUpload> files = ctx.fileUploads();
    if (files.size() != 1) {
      ctx.fail(DomainException.validation(List.of(new FieldError("file", "required",
          Text.of("需要恰好一个文件（GeoJSON 或 zip 压缩的 Shapefile）", "Needs exactly one file (GeoJSON or a zipped Shapefile)")))));
      return;
    }
    vertx.fileSystem().readFile(files.get(0).uploadedFileName())
        .compose(bytes -> edits.importFile(principal(ctx), bytes, isZip(bytes), options))
        .onSuccess(report -> answer(ctx, report))
        .onFailure(ctx::fail);
  }

  private static ImportOptions options(GeoQuery q) {
    Crs crs = q.crs("crs");
    boolean dryRun = q.flag("dryRun");
    ImportOptions defaults = ImportOptions.defaults(crs);
    double overlap = q.optionalNumber("overlapToleranceM2", defaults.overlapToleranceM2(), 0, 1e7);
    double gap = q.optionalNumber("gapToleranceM2", defaults.gapToleranceM2(), 0, 1e7);
    q.validate();
    ImportOptions options = defaults.withTolerances(overlap, gap);
    return dryRun ? options.asDryRun() : options;
  }

  private static void answer(RoutingContext ctx, ImportReport report) {
    if (report.hasErrors()) {
      long errors = report.toJson().getLong("errors");
      ctx.fail(new DomainException(ProblemType.GRID_IMPORT_REJECTED, Text.of("网格导入未通过校验（" + errors + " 个错误），未写入任何网格",
          "The grids failed validation (" + errors + " errors); nothing was written"), List.of(),
          new JsonObject().put("report", report.toJson())));
      return;
    }
    ctx.response().setStatusCode(report.dryRun() ? 200 : 201);
    ctx.json(report.toJson());
  }

  /** A zip file (PK\3\4) is a Shapefile; anything else is read as GeoJSON. */
  private static boolean isZip(Buffer bytes) {
    return bytes.length() >= 4 && bytes.getByte(0) == 'P' && bytes.getByte(1) == 'K' && bytes.getByte(2) == 3 && bytes.getByte(3) == 4;
  }

  /** Body {@code {"line": GeoJSON LineString, "newCode", "newName"}}; {@code ?crs} of the line. */
  private Future<JsonObject> split(RoutingContext ctx) {
    Crs crs = new GeoQuery(ctx).crs("crs");
    JsonBody body = JsonBody.of(ctx);
    JsonObject line = body.requiredObject("line");
    String newCode = body.requiredString("newCode", 15);
    String newName = body.requiredString("newName", 64);
    body.validate();
    Geometry cut = GeoJson.read(line, LON_LAT);
    return edits.split(principal(ctx), ctx.pathParam("code"), cut, crs, newCode, newName).map(GridChange::toJson);
  }

  /** Body {@code {"absorb": code}}: the grid of the path absorbs it. */
  private Future<JsonObject> merge(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String absorb = body.requiredString("absorb", 15);
    body.validate();
    return edits.merge(principal(ctx), ctx.pathParam("code"), absorb).map(GridChange::toJson);
  }
}
