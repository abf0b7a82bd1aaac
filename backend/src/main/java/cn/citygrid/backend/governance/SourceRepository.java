package cn.citygrid.backend.governance;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sources for the import job (JDBC: the import is offline batch work, see ADR 0003). */
final class SourceRepository {
  private static final String SELECT = """
      SELECT name, department, title, entity, extract(epoch FROM cadence)::bigint, mapping::text, trust::text
      FROM gov.source WHERE enabled""";

  private SourceRepository() {}

  static Optional<Source> byName(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT + " AND name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(source(rs)) : Optional.empty();
      }
    }
  }

  static List<String> names(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name FROM gov.source WHERE enabled ORDER BY name");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Source source(ResultSet rs) throws SQLException {
    return Source.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Duration.ofSeconds(rs.getLong(5)), new JsonObject(rs.getString(6)), new JsonObject(rs.getString(7)));
  }
}
