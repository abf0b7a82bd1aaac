package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The survivorship SQL that PersonSurvivor writes out must decide and record exactly as the
 * database functions gov.wins and gov.prov (V5), which stay the reference.
 */
class PersonSurvivorIT {
  private static final Instant EARLIER = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2026-09-01T08:30:00Z");

  /** Provenance of a field before the row: none, and every mix of lower / equal / higher trust, visit, time. */
  private static final String CASES = """
      (VALUES ('{}'::jsonb), ('{"name": {"s": "x"}}'), ('{"phone": {"t": 40, "at": "2026-06-01T00:00:00Z"}}'),
        ('{"phone": {"t": 50, "at": "2026-06-01T00:00:00Z"}}'), ('{"phone": {"t": 50, "at": "2026-06-01T00:00:00Z", "v": true}}'),
        ('{"phone": {"t": 50, "at": "2026-06-01T00:00:00Z", "v": false}}'), ('{"phone": {"t": 60, "at": "2026-06-01T00:00:00Z"}}'),
        ('{"phone": {"t": 50, "at": "2026-09-01T08:30:00Z", "v": true}}'), ('{"phone": {"t": 50}}'),
        ('{"phone": {"at": "2026-01-01T00:00:00Z"}, "name": {"t": 90}}')) c (prov)""";

  @Test
  void wins_writtenOut_decidesAsGovWinsForEveryProvenance() throws Exception {
    try (TestDatabase db = TestDatabase.create(PersonSurvivorIT.class)) {
      Migrations.migrate(db.config());
      List<String> disagreements = new ArrayList<>();
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        for (String candidate : new String[] {"NULL", "'13800000000'"}) {
          for (int trust : new int[] {40, 50, 60}) {
            for (boolean visit : new boolean[] {false, true}) {
              for (Instant at : new Instant[] {EARLIER, LATER}) {
                String sql = "SELECT c.prov::text FROM " + CASES + " WHERE gov.wins(c.prov, 'phone', " + candidate + ", "
                    + trust + ", '" + at + "'::timestamptz, " + visit + ") IS DISTINCT FROM "
                    + PersonSurvivor.wins("c.prov", "phone", candidate, trust, at, visit);
                try (ResultSet rs = s.executeQuery(sql)) {
                  while (rs.next()) {
                    disagreements.add(candidate + " trust " + trust + " visit " + visit + " at " + at + ": " + rs.getString(1));
                  }
                }
              }
            }
          }
        }
      }
      assertThat(disagreements).as("cases where the written-out rule and gov.wins disagree").isEmpty();
    }
  }

  @Test
  void entry_mergedIntoProvenance_equalsGovProv() throws Exception {
    try (TestDatabase db = TestDatabase.create(PersonSurvivorIT.class)) {
      Migrations.migrate(db.config());
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        for (boolean won : new boolean[] {false, true}) {
          String sql = "SELECT count(*) FROM " + CASES + " WHERE gov.prov(c.prov, 'phone', " + won + ", 'gongan_hukou', 7, 12, 50, '"
              + LATER + "'::timestamptz, true) IS DISTINCT FROM c.prov || jsonb_strip_nulls(jsonb_build_object('phone', "
              + PersonSurvivor.entry(String.valueOf(won), "gongan_hukou", 7, "12", 50, LATER, true) + "))";
          try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            assertThat(rs.getInt(1)).as("provenances that differ from gov.prov (won = %s)", won).isZero();
          }
        }
      }
    }
  }
}
