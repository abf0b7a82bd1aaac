package cn.citygrid.geo.gridtools;

import java.time.OffsetDateTime;

/** A row of grid.unit_grid_stats: counts kept current by triggers (see the backend migration V12__unit_grid_stats.sql). */
public record GridStats(String code, int houses, int persons, int enterprises, int places, OffsetDateTime refreshedAt) {}
