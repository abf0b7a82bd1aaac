package cn.citygrid.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every 4xx/5xx leaves as {@code application/problem+json} (RFC 9457).
 * 4xx are logged without stacks; 5xx are logged with the stack and never echo exception text.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final UnaryOperator<Throwable> translate;

  public ProblemHandler() {
    this(UnaryOperator.identity());
  }

  /**
   * With {@code translate} turning failures of libraries that cannot know our catalogue (e.g.
   * geo-services' GeoException) into {@link DomainException}s; it returns anything else unchanged.
   */
  public ProblemHandler(UnaryOperator<Throwable> translate) {
    this.translate = translate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    DomainException problem = toProblem(ctx.failure() == null ? null : translate.apply(ctx.failure()), ctx.statusCode());
    if (problem.type().status() >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    } else {
      LOG.debug("{} {} → {}", ctx.request().method(), ctx.request().path(), problem.getMessage());
    }
    send(ctx, problem);
  }

  /** Writes a problem directly (used by handlers that answer without failing the context). */
  public static void send(RoutingContext ctx, DomainException problem) {
    if (ctx.response().ended()) {
      return;
    }
    Locale locale = Locales.of(ctx);
    JsonObject body = problem.extensions().copy()
        .put("type", problem.type().uri())
        .put("title", problem.type().title().in(locale))
        .put("status", problem.type().status())
        .put("detail", problem.detail().in(locale))
        .put("instance", ctx.request().path());
    String rid = RequestLog.requestId(ctx);
    if (rid != null) {
      body.put("requestId", rid);
    }
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem.errors().forEach(e -> errors.add(new JsonObject()
          .put("field", e.field()).put("code", e.code()).put("message", e.message().in(locale))));
      body.put("errors", errors);
    }
    if (problem.extensions().containsKey("retryAfterSeconds")) {
      ctx.response().putHeader("Retry-After", String.valueOf(problem.extensions().getLong("retryAfterSeconds")));
    }
    ctx.response()
        .setStatusCode(problem.type().status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Content-Language", locale.toLanguageTag())
        .end(body.encode());
  }

  static DomainException toProblem(Throwable failure, int status) {
    if (failure instanceof DomainException d) {
      return d;
    }
    if (failure instanceof DecodeException || failure instanceof IllegalArgumentException && status == 400) {
      return new DomainException(ProblemType.MALFORMED_REQUEST,
          Text.of("请求体不是合法的 JSON", "The request body is not valid JSON"));
    }
    if (failure instanceof HttpException http) {
      return byStatus(http.getStatusCode());
    }
    return failure == null ? byStatus(status) : byStatus(500);
  }

  public static DomainException byStatus(int status) {
    return switch (status) {
      case 400 -> new DomainException(ProblemType.MALFORMED_REQUEST, Text.of("请求无法解析", "The request could not be parsed"));
      case 401 -> new DomainException(ProblemType.UNAUTHENTICATED, Text.of("请先登录", "Sign in first"));
      case 403 -> new DomainException(ProblemType.FORBIDDEN, Text.of("无权访问", "Not allowed"));
      case 404 -> DomainException.notFound(Text.of("请求的地址不存在", "No such resource"));
      case 405 -> new DomainException(ProblemType.METHOD_NOT_ALLOWED, Text.of("该地址不支持此请求方法", "This resource does not support the method"));
      case 413 -> new DomainException(ProblemType.PAYLOAD_TOO_LARGE, Text.of("请求体超过大小上限", "The request body exceeds the size limit"));
      case 415 -> new DomainException(ProblemType.UNSUPPORTED_MEDIA_TYPE, Text.of("请使用 application/json", "Use application/json"));
      case 503 -> new DomainException(ProblemType.UNAVAILABLE, Text.of("服务暂不可用，请稍后再试", "Service unavailable, try again later"));
      default -> new DomainException(ProblemType.INTERNAL, Text.of("服务器内部错误，请联系管理员并提供请求编号", "Internal error; report the request id to an administrator"));
    };
  }
}
