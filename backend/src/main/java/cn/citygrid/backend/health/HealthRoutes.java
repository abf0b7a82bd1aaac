package cn.citygrid.backend.health;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the database answers and its
 * schema is at the migration version this build carries; otherwise 503 problem+json with checks.
 */
public final class HealthRoutes {
  private static final String APPLIED = """
      SELECT version FROM public.flyway_schema_history WHERE success AND version IS NOT NULL
      ORDER BY installed_rank DESC LIMIT 1""";

  private final Pool pool;
  private final String expectedVersion;

  public HealthRoutes(Pool pool, String expectedVersion) {
    this.pool = pool;
    this.expectedVersion = expectedVersion;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    pool.query(APPLIED).execute()
        .map(rows -> rows.size() == 0 ? "none" : rows.iterator().next().getString(0))
        .map(this::migrationCheck)
        .recover(failure -> Future.succeededFuture(new JsonObject()
            .put("name", "database").put("status", "DOWN").put("detail", "database unreachable")))
        .onSuccess(check -> answer(ctx, check));
  }

  private JsonObject migrationCheck(String applied) {
    boolean current = expectedVersion.equals(applied);
    return new JsonObject().put("name", "database").put("status", current ? "UP" : "DOWN")
        .put("schemaVersion", applied).put("expectedSchemaVersion", expectedVersion);
  }

  private static void answer(RoutingContext ctx, JsonObject check) {
    JsonArray checks = new JsonArray().add(check);
    if ("UP".equals(check.getString("status"))) {
      ctx.json(new JsonObject().put("status", "UP").put("checks", checks));
      return;
    }
    ProblemHandler.send(ctx, new DomainException(ProblemType.UNAVAILABLE,
        Text.of("数据库不可用或结构版本不符", "The database is unreachable or its schema is not current"),
        java.util.List.of(), new JsonObject().put("checks", checks)));
  }
}
