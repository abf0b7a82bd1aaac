package cn.citygrid.backend.demo;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.demo.Divisions.Division;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the demo city — real divisions of 深圳市 with generated geometry, houses, residents,
 * households, enterprises and their people — and loads it with COPY in one transaction, so the
 * database holds either the whole city or what it held before. Offline batch work: JDBC on the
 * calling thread, never on an event loop.
 */
public final class DemoCity {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCity.class);

  private static final List<String> GRID_TABLES = List.of("unit_grid", "building", "house", "person", "residence");

  private DemoCity() {}

  /** What was built. */
  public record Summary(long persons, long houses, long enterprises, long grids, long seconds) {}

  public static boolean isEmpty(DbConfig db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM grid.region)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  public static Summary build(DbConfig db, DataKeysConfig keys, String demoPasswordHash, int persons, long seed)
      throws IOException, SQLException {
    long start = System.nanoTime();
    Path dir = Files.createTempDirectory("citygrid-demo");
    try (DemoTables tables = new DemoTables(dir); Connection c = connect(db)) {
      generate(tables, keys, persons, seed, DemoGovernance.load(c));
      c.setAutoCommit(false);
      load(c, tables);
      DemoGovernance.apply(c);
      DemoAccounts.create(c, demoPasswordHash);
      try (Statement s = c.createStatement()) {
        for (String table : GRID_TABLES) {
          s.execute("ALTER TABLE grid." + table + " ENABLE TRIGGER USER");
        }
        // The per-grid statistics triggers were off with the others while the city loaded: count it once,
        // after the planner has seen the new rows (the tables were truncated in this transaction: without
        // statistics it plans the recount's joins as if they were nearly empty).
        s.execute("ANALYZE grid.unit_grid, grid.house, grid.residence, grid.enterprise, grid.place");
        s.execute("SELECT grid.refresh_unit_grid_stats(NULL)");
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("ANALYZE");
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      return new Summary(tables.person.rows(), tables.house.rows(), tables.enterprise.rows(), tables.grid.rows(), seconds);
    } finally {
      Files.deleteIfExists(dir);
    }
  }

  private static void generate(DemoTables tables, DataKeysConfig keys, int persons, long seed, DemoGovernance governance) {
    Divisions divisions = Divisions.load();
    CityPlan plan = new CityPlan(divisions, seed);
    plan.writeRegions(tables);
    Random random = new Random(seed);
    List<String> counties = Divisions.counties().stream().map(c -> c[0]).toList();
    PersonFactory people = new PersonFactory(random, keys, plan.localCounties(), counties, governance);
    Population population = new Population(random, plan.layout(), tables, people, new Enterprises(random, tables));
    long placed = 0;
    List<Division> communities = plan.communitiesInOrder();
    for (int i = 0; i < communities.size() && placed < persons; i++) {
      Division community = communities.get(i);
      // About 1,250 per community; denser when the city would otherwise run out of communities.
      long floor = (persons - placed + communities.size() - i - 1) / (communities.size() - i);
      int share = (int) Math.min(persons - placed, Math.max(floor, CityPlan.PER_COMMUNITY * (7 + random.nextInt(7)) / 10));
      List<String> grids = plan.grids(community);
      Community c = new Community(community.code(), plan.addressPrefix(community), grids,
          grids.stream().map(plan::shape).toList());
      placed += population.populate(c, share);
    }
    LOG.info("generated {} persons, {} houses, {} enterprises", tables.person.rows(), tables.house.rows(), tables.enterprise.rows());
  }

  /** Replaces whatever grid data there was with the spooled city. */
  private static void load(Connection c, DemoTables tables) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM auth.account WHERE demo");
      // Other accounts keep existing; their link to a person of the old city cannot survive it.
      s.execute("UPDATE auth.account SET person_id = NULL WHERE person_id IS NOT NULL");
      // A resident's account refers to their person: TRUNCATE … CASCADE would follow that reference into
      // every account and, through their devices, into the signed log (which refuses it, V19). The links
      // were cleared above; the reference is set aside while the city is replaced, and restored after.
      s.execute("ALTER TABLE auth.account DROP CONSTRAINT account_person_id_fkey");
      s.execute("TRUNCATE grid.region, grid.unit_grid, grid.building, grid.house, grid.person, grid.household,"
          + " grid.household_member, grid.residence, grid.enterprise, grid.person_enterprise, grid.place,"
          + " gov.confirmation, gov.match_review, gov.merge_event, sync.change CASCADE");
      // A new city: every phone's feed cursor is void (the feed answers with a full snapshot), and
      // the change log need not hear about a million rows no phone has seen.
      s.execute("UPDATE sync.feed_epoch SET epoch = gen_random_uuid()");
      for (String table : GRID_TABLES) {
        s.execute("ALTER TABLE grid." + table + " DISABLE TRIGGER USER");
      }
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    for (CopyFile f : tables.inLoadOrder()) {
      try (Reader in = f.reader()) {
        long rows = copy.copyIn(f.copySql(), in);
        LOG.info("loaded {} rows into {}", rows, f.table);
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : List.of("building", "house", "person", "household", "residence", "enterprise", "place")) {
        s.execute("SELECT setval(pg_get_serial_sequence('grid." + table + "', 'id'), "
            + "greatest(1, (SELECT coalesce(max(id), 0) FROM grid." + table + ")))");
      }
      s.execute("ALTER TABLE auth.account ADD CONSTRAINT account_person_id_fkey FOREIGN KEY (person_id) REFERENCES grid.person (id)");
    }
  }

  static Connection connect(DbConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
