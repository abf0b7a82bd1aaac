package cn.citygrid.backend.governance;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Purpose;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;

/** Department data in: sources, imports (upload), batches and their rows, and the quality metrics. */
public final class GovernanceRoutes {
  static final long MAX_UPLOAD = 2L * 1024 * 1024 * 1024;

  private final GovernanceQueries queries;
  private final ImportJob imports;
  private final WorkerExecutor importWorkers;
  private final QualityMetrics metrics;

  public GovernanceRoutes(GovernanceQueries queries, ImportJob imports, WorkerExecutor importWorkers, QualityMetrics metrics) {
    this.queries = queries;
    this.imports = imports;
    this.importWorkers = importWorkers;
    this.metrics = metrics;
  }

  public List<ApiRoute> routes() {
    Access data = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.DATA_STEWARD);
    return List.of(
        ApiRoute.get("/api/v1/governance/sources", data, Reply.json(ctx -> queries.sources())),
        ApiRoute.upload("/api/v1/governance/imports", Access.roles(Role.ADMIN, Role.DATA_STEWARD), this::upload, MAX_UPLOAD),
        ApiRoute.get("/api/v1/governance/batches", data, Reply.json(ctx ->
            queries.batches(principal(ctx), ctx.queryParams().get("source"), Paging.of(ctx)))),
        ApiRoute.get("/api/v1/governance/batches/{id}/rows", data, Reply.json(ctx ->
            queries.rows(principal(ctx), Paging.pathId(ctx, "id"), ctx.queryParams().get("status"),
                Purpose.parse(ctx.queryParams().get("purpose")), Paging.of(ctx), RequestLog.requestId(ctx)))),
        ApiRoute.get("/api/v1/governance/metrics", Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.DATA_STEWARD),
            Reply.json(ctx -> metrics.current())));
  }

  /** multipart/form-data with a part "file"; {@code ?source=NAME}. Answers the import report. */
  private void upload(RoutingContext ctx) {
    Principal caller = principal(ctx);
    String source = ctx.queryParams().get("source");
    List<FileUpload> files = ctx.fileUploads();
    if (source == null || files.size() != 1) {
      ctx.fail(DomainException.validation(List.of(new DomainException.FieldError(source == null ? "source" : "file",
          "required", Text.of("需要 source 参数和一个文件", "Needs ?source= and exactly one file")))));
      return;
    }
    FileUpload file = files.get(0);
    queries.requireSourceAccess(caller, source)
        .compose(v -> importWorkers.executeBlocking(() -> imports.run(source, Path.of(file.uploadedFileName()),
            file.fileName(), caller.accountId()), false))
        .onSuccess(report -> {
          if (report.applied()) {
            ctx.response().setStatusCode(201);
            ctx.json(report.toJson());
          } else {
            ctx.fail(new DomainException(ProblemType.VALIDATION, Text.of("导入失败，未应用任何数据：" + report.failure(),
                "Import failed, nothing applied: " + report.failure()), List.of(), new JsonObject().put("report", report.toJson())));
          }
        })
        .onFailure(ctx::fail);
  }

}
