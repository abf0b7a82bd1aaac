package cn.citygrid.geo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x with a strict blocked-thread checker (200 ms per event-loop task): {@link #close()}
 * fails the test class if any warning was logged. {@link #await} blocks the test thread only.
 */
public final class TestVertx implements AutoCloseable {
  public static final long MAX_EVENT_LOOP_MS = 200;
  private final Vertx vertx;

  public TestVertx() {
    BlockedThreadRecorder.drain();
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(MAX_EVENT_LOOP_MS).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)); // log where it was stuck
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Waits for {@code future} on the test thread (never call from an event loop). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The failure of {@code future}, which must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure, got success");
  }

  @Override
  public void close() {
    await(vertx.close());
    assertThat(BlockedThreadRecorder.drain()).as("blocked event loop warnings").isEmpty();
  }
}
