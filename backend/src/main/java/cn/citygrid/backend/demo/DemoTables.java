package cn.citygrid.backend.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The COPY spools of every table the demo city fills, in load order (parents before children). */
final class DemoTables implements AutoCloseable {
  final CopyFile region;
  final CopyFile grid;
  final CopyFile building;
  final CopyFile house;
  final CopyFile person;
  final CopyFile household;
  final CopyFile member;
  final CopyFile residence;
  final CopyFile enterprise;
  final CopyFile personEnterprise;
  final CopyFile place;

  DemoTables(Path dir) {
    region = new CopyFile(dir, "grid.region", "code, prefix, parent_code, level, name, geom, centre");
    grid = new CopyFile(dir, "grid.unit_grid", "code, community_code, name, geom");
    building = new CopyFile(dir, "grid.building", "id, grid_code, road, road_number, name, floors, units, address, geom");
    house = new CopyFile(dir, "grid.house", "id, building_id, grid_code, unit, floor, room, address, usage, area_m2, geom");
    person = new CopyFile(dir, "grid.person", "id, id_number_enc, id_number_bidx, id_number_mask, name, gender, birth_date,"
        + " ethnicity, phone_enc, phone_bidx, phone_mask, registered_region, care_flags, confirmed_at, fresh_until, provenance");
    household = new CopyFile(dir, "grid.household", "id, household_no, house_id, head_person_id, kind");
    member = new CopyFile(dir, "grid.household_member", "household_id, person_id, relation");
    residence = new CopyFile(dir, "grid.residence", "id, person_id, house_id, kind, since, source");
    enterprise = new CopyFile(dir, "grid.enterprise", "id, credit_code, name, kind, industry, registered_at,"
        + " registered_capital, house_id, grid_code, address, geom");
    personEnterprise = new CopyFile(dir, "grid.person_enterprise", "person_id, enterprise_id, relation, share_pct, title, since, source");
    place = new CopyFile(dir, "grid.place", "id, name, kind, house_id, enterprise_id, grid_code, address, geom");
  }

  List<CopyFile> inLoadOrder() {
    return List.of(region, grid, building, house, person, household, member, residence, enterprise, personEnterprise, place);
  }

  @Override
  public void close() throws IOException {
    for (CopyFile f : inLoadOrder()) {
      f.close();
    }
  }
}
