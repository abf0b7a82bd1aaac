package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormParseException;
import cn.citygrid.sync.protocol.record.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Form versions: supervisors publish XForm XML (immutable once published), everyone who fills or
 * reviews forms lists them, reads one, and sees its fields (a preview for the web admin).
 */
public final class FormRoutes {
  private static final Text NO_SUCH = Text.of("表单版本不存在", "No such form version");

  private final FormVersions forms;

  public FormRoutes(FormVersions forms) {
    this.forms = forms;
  }

  public List<ApiRoute> routes() {
    Access readers = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.GRID_WORKER, Role.DATA_STEWARD);
    Access authors = Access.roles(Role.ADMIN, Role.SUPERVISOR);
    return List.of(
        ApiRoute.get("/api/v1/forms", readers, Reply.json(this::list)),
        ApiRoute.post("/api/v1/forms", authors, this::publish),
        ApiRoute.get("/api/v1/forms/{formId}/versions/{version}", readers, Reply.json(this::one)),
        ApiRoute.get("/api/v1/forms/{formId}/versions/{version}/fields", readers, Reply.json(this::fields)),
        ApiRoute.post("/api/v1/forms/{formId}/versions/{version}/retire", authors, Reply.noContent(this::retire)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    return forms.list(Proposals.scopeOf(principal(ctx))).map(all -> new JsonObject().put("items", new JsonArray(all.stream()
        .map(f -> new JsonObject()
        .put("formId", f.formId()).put("version", f.version()).put("title", f.title()).put("sm3", f.sm3())
        .put("builtin", f.builtin()).put("publishedAt", Timestamps.format(f.publishedAt()))
        .put("retiredAt", f.retiredAt() == null ? null : Timestamps.format(f.retiredAt()))
        .put("audience", f.audience() == null ? null : new JsonArray(f.audience()))).toList())));
  }

  /**
   * 201 {@code published}; 200 {@code unchanged} when this very XML was published before; 409 when the version
   * exists with other XML; 422 {@code form-invalid} when JavaRosa cannot read or evaluate it.
   */
  private void publish(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !(type.startsWith("application/xml") || type.startsWith("text/xml"))) {
      ctx.fail(ProblemHandler.byStatus(415));
      return;
    }
    byte[] xml = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Principal caller = principal(ctx);
    // An administrator publishes for the whole city; a supervisor for the territory they cover.
    List<String> audience = caller.has(Role.ADMIN) ? null : List.copyOf(caller.scope());
    if (audience != null && audience.isEmpty()) {
      ctx.fail(new DomainException(ProblemType.FORBIDDEN, Text.of("您没有负责的区域，不能发布表单",
          "You cover no territory, so there is no one to publish a form for")));
      return;
    }
    forms.publish(xml, caller.accountId(), audience)
        .recover(e -> Future.failedFuture(e instanceof FormParseException p ? invalid(p) : e))
        .onSuccess(published -> {
          if (published == FormVersions.Published.CONFLICT) {
            ctx.fail(new DomainException(ProblemType.FORM_VERSION_CONFLICT, Text.of(
                "该表单版本已发布且内容不同；已发布的版本不可修改，请提高版本号",
                "This version is published with other content; published versions never change — raise the version")));
            return;
          }
          ctx.response().setStatusCode(published == FormVersions.Published.PUBLISHED ? 201 : 200)
              .putHeader("Content-Type", "application/json").end(new JsonObject().put("status", published.name().toLowerCase())
                  .encode());
        })
        .onFailure(ctx::fail);
  }

  private static DomainException invalid(FormParseException e) {
    var summary = e.reason().summary();
    return new DomainException(ProblemType.FORM_INVALID, Text.of(summary.zh() + "：" + e.getMessage(), e.getMessage()),
        List.of(), new JsonObject().put("code", e.reason().code()));
  }

  private Future<FormDefinition> definition(RoutingContext ctx) {
    return forms.definition(ctx.pathParam("formId"), ctx.pathParam("version"))
        .map(found -> found.orElseThrow(() -> DomainException.notFound(NO_SUCH)));
  }

  private Future<JsonObject> one(RoutingContext ctx) {
    return definition(ctx).compose(def -> forms.xml(def.id(), def.version()).map(xml -> new JsonObject()
        .put("formId", def.id()).put("version", def.version()).put("title", def.title())
        .put("languages", new JsonArray(def.languages())).put("xform", xml.orElseThrow())
        .put("hasMapping", FormVersions.mapping(def).isPresent())));
  }

  private Future<JsonObject> fields(RoutingContext ctx) {
    return definition(ctx).map(def -> new JsonObject().put("formId", def.id()).put("version", def.version())
        .put("fields", new JsonArray(def.fields().stream().map(f -> new JsonObject().put("path", f.path())
            .put("kind", f.kind().name().toLowerCase()).put("type", f.type() == null ? null : f.type().name().toLowerCase())
            .put("choices", new JsonArray(f.choices())).put("calculated", f.calculated())).toList())));
  }

  private Future<Void> retire(RoutingContext ctx) {
    return forms.retire(ctx.pathParam("formId"), ctx.pathParam("version"), Proposals.scopeOf(principal(ctx))).map(done -> {
      if (done == FormVersions.Retired.NOT_FOUND) {
        throw DomainException.notFound(Text.of("表单版本不存在或已停用", "No such active form version"));
      }
      if (done == FormVersions.Retired.NOT_YOURS) {
        throw new DomainException(ProblemType.FORBIDDEN, Text.of(
            "该表单版本也用于您负责区域以外的地方（全市通用的版本只能由管理员停用）",
            "This version is also used outside your territory (a version for the whole city is retired by an administrator)"));
      }
      return null;
    });
  }
}
