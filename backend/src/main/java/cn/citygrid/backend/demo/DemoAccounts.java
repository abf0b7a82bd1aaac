package cn.citygrid.backend.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo accounts, all with password {@code Demo@2026} and flagged {@code demo} (refused outside
 * demo mode): admin, supervisor (the worker's street), leader (the city), worker (one grid),
 * steward (公安), citizen (a resident of a house in the worker's grid), and worker2… for every
 * other populated grid. They share one Argon2id hash (same known password, computed once).
 */
final class DemoAccounts {
  static final String PASSWORD = "Demo@2026";

  private DemoAccounts() {}

  static void create(Connection c, String passwordHash) throws SQLException {
    List<String> grids = populatedGrids(c);
    if (grids.isEmpty()) {
      throw new SQLException("the demo city has no populated grid; give it at least a few hundred persons");
    }
    String workerGrid = grids.get(0);
    account(c, passwordHash, "admin", "系统管理员", "ADMIN", null, null, null);
    account(c, passwordHash, "supervisor", "街道管理员", "SUPERVISOR", workerGrid.substring(0, 9), null, null);
    account(c, passwordHash, "leader", "市领导", "LEADER", "440300", null, null);
    account(c, passwordHash, "worker", "网格员", "GRID_WORKER", workerGrid, null, null);
    account(c, passwordHash, "steward", "公安数据专员", "DATA_STEWARD", null, "公安", null);
    account(c, passwordHash, "citizen", "居民", "CITIZEN", null, null, residentOf(c, workerGrid));
    for (int i = 1; i < grids.size(); i++) {
      account(c, passwordHash, "worker" + (i + 1), "网格员" + (i + 1), "GRID_WORKER", grids.get(i), null, null);
    }
  }

  /** Grids with residents, the one with the most houses in the first populated community first. */
  private static List<String> populatedGrids(Connection c) throws SQLException {
    String sql = """
        SELECT grid_code FROM grid.house GROUP BY grid_code
        ORDER BY left(grid_code, 12) = (SELECT min(left(grid_code, 12)) FROM grid.house
                                        WHERE grid_code LIKE '440304%') DESC,
                 count(*) DESC, grid_code""";
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Long residentOf(Connection c, String grid) throws SQLException {
    String sql = """
        SELECT h.head_person_id FROM grid.household h JOIN grid.house ho ON ho.id = h.house_id
        WHERE ho.grid_code = ? ORDER BY h.id LIMIT 1""";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, grid);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no household in grid " + grid + " for the demo citizen");
        }
        return rs.getLong(1);
      }
    }
  }

  private static void account(Connection c, String hash, String username, String name, String role,
      String scope, String department, Long personId) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO auth.account (username, display_name, password_hash, department, person_id, demo)
        VALUES (?, ?, ?, ?, ?, true) RETURNING id""")) {
      s.setString(1, username);
      s.setString(2, name);
      s.setString(3, hash);
      s.setString(4, department);
      s.setObject(5, personId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    exec(c, "INSERT INTO auth.account_role (account_id, role) VALUES (?, ?)", id, role);
    if (scope != null) {
      exec(c, "INSERT INTO auth.account_scope (account_id, node_code) VALUES (?, ?)", id, scope);
    }
  }

  private static void exec(Connection c, String sql, long id, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.setString(2, value);
      s.executeUpdate();
    }
  }
}
