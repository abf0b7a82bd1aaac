package cn.citygrid.backend.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;

/**
 * Prometheus metrics through vertx-micrometer-metrics: HTTP server (by method, route, status),
 * SQL pools, JVM, and our event-loop lag probe. {@code /metrics} is the scrape endpoint.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public VertxOptions apply(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setMicrometerRegistry(registry)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_ROUTE, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME)));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void mount(Router router) {
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
  }
}
