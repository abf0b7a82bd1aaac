package cn.citygrid.backend.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Adapts a Future-returning step to a route handler: success is JSON, failure goes to {@link ProblemHandler}. */
public final class Reply {
  private Reply() {}

  public static <T> Handler<RoutingContext> json(Function<RoutingContext, Future<T>> step) {
    return status(200, step);
  }

  public static <T> Handler<RoutingContext> created(Function<RoutingContext, Future<T>> step) {
    return status(201, step);
  }

  public static <T> Handler<RoutingContext> noContent(Function<RoutingContext, Future<T>> step) {
    return ctx -> run(ctx, step).onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  private static <T> Handler<RoutingContext> status(int status, Function<RoutingContext, Future<T>> step) {
    return ctx -> run(ctx, step).onSuccess(v -> {
      ctx.response().setStatusCode(status);
      ctx.json(v);
    });
  }

  private static <T> Future<T> run(RoutingContext ctx, Function<RoutingContext, Future<T>> step) {
    Future<T> result;
    try {
      result = step.apply(ctx);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onFailure(ctx::fail);
  }
}
