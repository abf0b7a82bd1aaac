package cn.citygrid.backend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.auth.PasswordHasher;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.CreditCode;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo city is valid by the standards it claims, geometrically consistent, and deterministic. */
class DemoCityIT {
  static final int PERSONS = 3000;
  static TestDatabase db;
  static GridConfig config;

  @BeforeAll
  static void build() throws Exception {
    db = TestDatabase.create(DemoCityIT.class);
    config = TestApp.config(db, Map.of());
    Migrations.migrate(config.db());
    DemoCity.build(config.db(), config.dataKeys(), new PasswordHasher(1024, 1).hash("Demo@2026"), PERSONS, 42);
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @Test
  void regions_areTheRealDivisionsOfShenzhen() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM grid.region")).isEqualTo("878");
    assertThat(scalar("SELECT name FROM grid.region WHERE code = '440304'")).isEqualTo("福田区");
    assertThat(scalar("SELECT count(*) FROM grid.region WHERE level = 5 AND left(code, 9) <> parent_code")).isEqualTo("0");
  }

  @Test
  void persons_haveValidIdNumbersConsistentWithBirthDateAndGender_storedEncrypted() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM grid.person")).isEqualTo(String.valueOf(PERSONS));
    List<String> wrong = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id_number_enc, id_number_bidx, id_number_mask, gender, birth_date FROM grid.person")) {
      while (rs.next()) {
        String id = new String(config.dataKeys().keyRing().open(rs.getBytes(1), PersonFactory.ID_AAD), StandardCharsets.US_ASCII);
        boolean ok = CitizenId.isValid(id)
            && config.dataKeys().blindIndex().index("id_number", id).equals(rs.getString(2))
            && CitizenId.mask(id).equals(rs.getString(3))
            && CitizenId.genderCode(id).equals(rs.getString(4))
            && CitizenId.birthDate(id).orElseThrow().equals(rs.getDate(5).toLocalDate());
        if (!ok) {
          wrong.add(id);
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(scalar("SELECT count(DISTINCT id_number_bidx) FROM grid.person")).isEqualTo(String.valueOf(PERSONS));
  }

  @Test
  void everyPerson_isOnFileAtGongan_confirmedInTheLast40Days_withProvenanceOfEachField() throws SQLException {
    String all = String.valueOf(PERSONS);
    assertThat(scalar("""
        SELECT count(*) FROM grid.person WHERE confirmed_at = (current_date - (id % 40)::int)::timestamptz
          AND fresh_until = confirmed_at::date + 30""")).isEqualTo(all);
    assertThat(scalar("""
        SELECT count(*) FROM grid.person p WHERE (SELECT count(*) FROM jsonb_each(p.provenance) f(field, e)
          WHERE e->>'s' = 'gongan_hukou' AND (e->>'demo')::boolean AND (e->>'at')::timestamptz = p.confirmed_at
            AND (e->>'t')::int = CASE f.field WHEN 'phone' THEN 50 ELSE 100 END) = 6""")).isEqualTo(all);
    assertThat(scalar("SELECT count(*) FROM gov.confirmation WHERE source = 'gongan_hukou'")).isEqualTo(all);
    assertThat(scalar("SELECT sum(persons) FROM gov.fresh_day")).isEqualTo(all);
    assertThat(scalar("SELECT min(value) FROM gov.metric WHERE name = 'persons_total'")).isEqualTo(all);
  }

  @Test
  void enterprises_haveValidCreditCodes_andSharesAddUpTo100() throws SQLException {
    for (String code : column("SELECT credit_code FROM grid.enterprise")) {
      assertThat(CreditCode.problem(code)).as(code).isEmpty();
    }
    assertThat(scalar("""
        SELECT count(*) FROM (SELECT enterprise_id FROM grid.person_enterprise WHERE relation = 'shareholder'
        GROUP BY enterprise_id HAVING sum(share_pct) <> 100) x""")).isEqualTo("0");
    assertThat(scalar("""
        SELECT count(*) FROM grid.enterprise e WHERE NOT EXISTS (SELECT 1 FROM grid.person_enterprise r
        WHERE r.enterprise_id = e.id AND r.relation = 'legal_representative')""")).isEqualTo("0");
  }

  @Test
  void households_addresses_andEnterpriseRoles_areWhole() throws SQLException {
    assertThat(Long.parseLong(scalar("SELECT count(*) FROM grid.household"))).isPositive();
    // One head (GB/T 4761 code 02) per household, the one it names; every member lives in its house.
    assertThat(scalar("""
        SELECT count(*) FROM grid.household h
        WHERE (SELECT count(*) FROM grid.household_member m WHERE m.household_id = h.id AND m.relation = '02') <> 1
           OR NOT EXISTS (SELECT 1 FROM grid.household_member m
                          WHERE m.household_id = h.id AND m.relation = '02' AND m.person_id = h.head_person_id)""")).isEqualTo("0");
    assertThat(scalar("""
        SELECT count(*) FROM grid.household_member m JOIN grid.household h ON h.id = m.household_id
        WHERE NOT EXISTS (SELECT 1 FROM grid.residence r WHERE r.person_id = m.person_id AND r.house_id = h.house_id)""")).isEqualTo("0");
    // Full standard addresses: community, road and number, building, then unit and room.
    assertThat(scalar("""
        SELECT count(*) FROM grid.house h JOIN grid.building b ON b.id = h.building_id
          JOIN grid.region c ON c.code = left(b.grid_code, 12)
        WHERE h.address <> b.address || h.unit || '单元' || h.room
           OR b.address NOT LIKE '深圳市%' || c.name || b.road || b.road_number || '号' || b.name""")).isEqualTo("0");
    assertThat(column("SELECT DISTINCT relation FROM grid.person_enterprise ORDER BY 1"))
        .containsExactly("employee", "executive", "legal_representative", "shareholder");
  }

  /** Tiles up to coordinate rounding (1e-7°, about 1 cm): areas agree within 0.01 %, no overlaps. */
  @Test
  void gridCodes_followTheGbt30428Layout_andGridsTileTheirCommunity() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM grid.unit_grid WHERE code !~ '^[0-9]{15}$' OR left(code, 12) <> community_code"))
        .isEqualTo("0");
    assertThat(scalar("""
        SELECT count(*) FROM grid.region c JOIN LATERAL (SELECT ST_Union(g.geom) AS u FROM grid.unit_grid g
          WHERE g.community_code = c.code) g ON true
        WHERE c.level = 5 AND abs(ST_Area(g.u) - ST_Area(c.geom)) > ST_Area(c.geom) * 1e-4""")).isEqualTo("0");
    assertThat(scalar("""
        SELECT count(*) FROM grid.unit_grid a JOIN grid.unit_grid b ON a.community_code = b.community_code
        AND a.code < b.code AND ST_Intersects(a.geom, b.geom) WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0""")).isEqualTo("0");
    assertThat(scalar("SELECT count(*) FROM grid.unit_grid WHERE NOT ST_IsValid(geom)")).isEqualTo("0");
  }

  @Test
  void everyHouse_liesInExactlyOneGrid_theOneItNames() throws SQLException {
    assertThat(scalar("""
        SELECT count(*) FROM grid.house h
        WHERE (SELECT count(*) FROM grid.unit_grid g WHERE ST_Covers(g.geom, h.geom)) <> 1
           OR NOT EXISTS (SELECT 1 FROM grid.unit_grid g WHERE g.code = h.grid_code AND ST_Covers(g.geom, h.geom))""")).isEqualTo("0");
  }

  @Test
  void demoAccounts_matchTheTree_andTheCitizenLivesInTheWorkersGrid() throws SQLException {
    String workerGrid = scalar("SELECT node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id WHERE username = 'worker'");
    String street = scalar("SELECT node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id WHERE username = 'supervisor'");
    assertThat(workerGrid).hasSize(15).startsWith(street);
    assertThat(street).hasSize(9);
    assertThat(scalar("""
        SELECT ho.grid_code FROM auth.account a JOIN grid.residence r ON r.person_id = a.person_id
        JOIN grid.house ho ON ho.id = r.house_id WHERE a.username = 'citizen'""")).isEqualTo(workerGrid);
    assertThat(column("SELECT username FROM auth.account WHERE demo ORDER BY username"))
        .contains("admin", "citizen", "leader", "steward", "supervisor", "worker", "worker2");
  }

  @Test
  void sameSeed_buildsTheSameCity_anotherSeedAnotherOne() throws Exception {
    String digest = """
        SELECT md5(string_agg(name || birth_date || id_number_mask || coalesce(phone_mask, ''), ',' ORDER BY id)) FROM grid.person""";
    String houses = "SELECT md5(string_agg(address || ST_AsText(geom), ',' ORDER BY id)) FROM grid.house";
    try (TestDatabase again = TestDatabase.create(DemoCityIT.class); TestDatabase other = TestDatabase.create(DemoCityIT.class)) {
      for (var target : List.of(again, other)) {
        GridConfig c = TestApp.config(target, Map.of());
        Migrations.migrate(c.db());
        DemoCity.build(c.db(), c.dataKeys(), "x", PERSONS, target == again ? 42 : 43);
      }
      assertThat(scalar(again, digest)).isEqualTo(scalar(db, digest));
      assertThat(scalar(again, houses)).isEqualTo(scalar(db, houses));
      assertThat(scalar(other, digest)).isNotEqualTo(scalar(db, digest));
    }
  }

  static String scalar(String sql) throws SQLException {
    return scalar(db, sql);
  }

  static String scalar(TestDatabase target, String sql) throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static List<String> column(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
