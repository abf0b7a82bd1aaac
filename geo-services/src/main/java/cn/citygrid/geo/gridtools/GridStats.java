package cn.citygrid.geo.gridtools;

import java.time.OffsetDateTime;

/** A row of grid.unit_grid_stats: counts kept current by triggers (see the backend migration V12__unit_grid_stats.sql). */
/** {@code openEvents}: events reported or dispatched and not yet resolved or closed (V28). */
public record GridStats(String code, int houses, int persons, int enterprises, int places, int openEvents,
    OffsetDateTime refreshedAt) {}
