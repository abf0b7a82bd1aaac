package cn.citygrid.backend.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Event-loop lag: a timer due every {@link #PERIOD_MS} ms on this verticle's event loop records
 * how late it fires ({@code citygrid_eventloop_lag_seconds}). A busy or blocked loop shows here
 * before callers notice.
 */
public final class EventLoopProbe {
  static final long PERIOD_MS = 250;

  private EventLoopProbe() {}

  public static long start(Vertx vertx, MeterRegistry registry) {
    Timer lag = Timer.builder("citygrid.eventloop.lag")
        .description("How late a periodic event-loop timer fired")
        .tag("loop", Thread.currentThread().getName())
        .publishPercentiles(0.5, 0.99)
        .register(registry);
    long[] due = {System.nanoTime() + PERIOD_MS * 1_000_000};
    return vertx.setPeriodic(PERIOD_MS, id -> {
      long now = System.nanoTime();
      lag.record(Duration.ofNanos(Math.max(0, now - due[0])));
      due[0] = now + PERIOD_MS * 1_000_000;
    });
  }
}
