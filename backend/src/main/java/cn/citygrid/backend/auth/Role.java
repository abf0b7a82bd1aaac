package cn.citygrid.backend.auth;

import cn.citygrid.backend.http.Text;

/** What an account may do. Scope (which grids/regions) is separate: see {@link Principal#scope()}. */
public enum Role {
  ADMIN(Text.of("系统管理员", "Administrator")),
  SUPERVISOR(Text.of("街道/社区管理员", "Supervisor")),
  LEADER(Text.of("领导", "Leader")),
  GRID_WORKER(Text.of("网格员", "Grid worker")),
  DATA_STEWARD(Text.of("部门数据专员", "Data steward")),
  CITIZEN(Text.of("居民", "Citizen"));

  private final Text label;

  Role(Text label) {
    this.label = label;
  }

  public Text label() {
    return label;
  }
}
