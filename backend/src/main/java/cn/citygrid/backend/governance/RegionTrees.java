package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.governance.standardise.Region;
import cn.citygrid.backend.governance.standardise.RegionTree;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The region tree of grid.region, for the address parser (loaded once, at start-up or by a batch command). */
final class RegionTrees {
  private RegionTrees() {}

  static RegionTree load(DbConfig db) {
    List<Region> regions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT code, name, level, parent_code FROM grid.region ORDER BY level, code")) {
      while (rs.next()) {
        regions.add(new Region(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load the region tree: " + e.getMessage(), e);
    }
    return RegionTree.of(regions, RegionTree.bundledFormerNames());
  }
}
