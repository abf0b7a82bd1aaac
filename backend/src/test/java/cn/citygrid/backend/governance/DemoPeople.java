package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Persons of the seeded demo city as a department would know them: clear ID numbers, names, homes. */
public final class DemoPeople {
  record Person(long id, String idNumber, String name, String gender, LocalDate birth, String phone, long houseId,
      String address, String gridCode) {}

  private DemoPeople() {}

  /** Adults with a phone and one open residence, in id order. */
  static List<Person> adults(TestDatabase db, GridConfig config, int limit, int offset) throws SQLException {
    List<Person> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT p.id, p.id_number_enc, p.name, p.gender, p.birth_date, p.phone_enc, h.id, h.address, h.grid_code
        FROM grid.person p JOIN grid.residence r ON r.person_id = p.id AND r.until IS NULL JOIN grid.house h ON h.id = r.house_id
        WHERE p.phone_enc IS NOT NULL AND p.birth_date < date '2000-01-01'
          AND (SELECT count(*) FROM grid.residence x WHERE x.person_id = p.id AND x.until IS NULL) = 1
          AND (SELECT count(*) FROM grid.person q WHERE q.name = p.name) = 1
        ORDER BY p.id LIMIT %d OFFSET %d""".formatted(limit, offset))) {
      while (rs.next()) {
        out.add(new Person(rs.getLong(1), open(config, rs.getBytes(2), "grid.person.id_number"), rs.getString(3),
            rs.getString(4), rs.getDate(5).toLocalDate(), open(config, rs.getBytes(6), "grid.person.phone"),
            rs.getLong(7), rs.getString(8), rs.getString(9)));
      }
    }
    return out;
  }

  /** Houses nobody lives in yet, and houses in another grid than {@code notGrid}. */
  static List<String[]> houses(TestDatabase db, String notGrid, int limit) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT h.id, h.address, h.grid_code FROM grid.house h
        WHERE h.usage = 'residential' AND h.grid_code <> '%s'
          AND NOT EXISTS (SELECT 1 FROM grid.residence r WHERE r.house_id = h.id)
        ORDER BY h.id LIMIT %d""".formatted(notGrid, limit))) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return out;
  }

  private static String open(GridConfig config, byte[] sealed, String aad) {
    return new String(config.dataKeys().keyRing().open(sealed, aad.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** The same characters in their full-width forms (what some department exports contain). */
  public static String fullWidth(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(ch -> b.append(ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z'
        ? (char) (ch - 0x20 + 0xFF00) : (char) ch));
    return b.toString();
  }
}
