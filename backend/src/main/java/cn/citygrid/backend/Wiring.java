package cn.citygrid.backend;

import cn.citygrid.backend.auth.AuthService;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.health.HealthRoutes;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.metrics.Metrics;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** The services every HTTP verticle instance shares: built once in {@link App}, passed by constructor. */
record Wiring(GridConfig config, Metrics metrics, HealthRoutes health, AuthService auth,
    List<ApiRoute> routes, Buffer openApi) {}
