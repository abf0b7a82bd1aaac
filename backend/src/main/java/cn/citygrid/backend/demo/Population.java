package cn.citygrid.backend.demo;

import cn.citygrid.backend.demo.Community.House;
import cn.citygrid.backend.demo.PersonFactory.Person;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Point;

/**
 * Fills a community: buildings and houses inside its grids, then households of residents, then
 * enterprises with their people and places (shops, clinics, schools) at street-level rooms.
 */
final class Population {
  private static final int[] HOUSEHOLD_SIZES = {1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6};
  private static final String[] PLACE_KINDS = {"shop", "shop", "restaurant", "restaurant", "pharmacy", "clinic",
      "school", "kindergarten", "supermarket", "hotel", "internet_cafe", "gym"};
  private static final String[] PLACE_NAMES = {"便利店", "百货", "餐厅", "小吃店", "大药房", "社区健康服务中心",
      "小学", "幼儿园", "超市", "酒店", "网吧", "健身房"};

  private final Random random;
  private final CityLayout layout;
  private final DemoTables t;
  private final PersonFactory persons;
  private final Enterprises enterprises;
  private long buildingId = 1;
  private long houseId = 1;
  private long householdId = 1;
  private long residenceId = 1;
  private long placeId = 1;

  Population(Random random, CityLayout layout, DemoTables tables, PersonFactory persons, Enterprises enterprises) {
    this.random = random;
    this.layout = layout;
    this.t = tables;
    this.persons = persons;
    this.enterprises = enterprises;
  }

  /** Builds houses for about {@code people} residents and moves them in. Returns the persons created. */
  long populate(Community c, int people) {
    buildHouses(c, (int) Math.ceil(people / 2.4 / 0.88));
    long before = persons.created();
    List<House> houses = new ArrayList<>(c.residential);
    Collections.shuffle(houses, random);
    int left = people;
    for (House house : houses) {
      if (left <= 0) {
        break;
      }
      if (random.nextInt(100) < 88) {
        left -= moveIn(c, house, Math.min(left, HOUSEHOLD_SIZES[random.nextInt(HOUSEHOLD_SIZES.length)]));
      }
    }
    enterprises.register(c, Math.max(1, people / 50));
    addPlaces(c, Math.max(1, people / 120));
    return persons.created() - before;
  }

  private void buildHouses(Community c, int wanted) {
    List<String> roads = new ArrayList<>();
    for (int i = 0; i < 3 + random.nextInt(3); i++) {
      roads.add(NameBook.road(random));
    }
    int built = 0;
    for (int number = 1; built < wanted; number++) {
      int g = random.nextInt(c.gridCodes.size());
      Point point = layout.randomPointIn(c.gridShapes.get(g), 0.00005);
      String road = roads.get(random.nextInt(roads.size()));
      built += building(c, c.gridCodes.get(g), point, road, String.valueOf(number * 2 - 1 + random.nextInt(2)), number);
    }
  }

  /** One building with its houses; returns the residential houses it added. */
  private int building(Community c, String gridCode, Point point, String road, String roadNumber, int nameNo) {
    boolean tower = random.nextInt(100) < 30;
    int floors = tower ? 18 + random.nextInt(16) : 6 + random.nextInt(4);
    int units = tower ? 1 + random.nextInt(2) : 1 + random.nextInt(3);
    int perFloor = tower ? 4 + random.nextInt(3) : 2;
    boolean shopsBelow = random.nextInt(100) < 25;
    long id = buildingId++;
    String name = nameNo + "栋";
    String address = c.addressPrefix + road + roadNumber + "号" + name;
    t.building.row(id, gridCode, road, roadNumber, name, floors, units, address, ewkt(point));
    int residential = 0;
    for (int u = 1; u <= units; u++) {
      for (int f = 1; f <= floors; f++) {
        for (int r = 1; r <= perFloor; r++) {
          boolean shop = shopsBelow && f == 1;
          String room = f * 100 + r + "";
          long hid = houseId++;
          String houseAddress = address + u + "单元" + room;
          t.house.row(hid, id, gridCode, String.valueOf(u), f, room, houseAddress, shop ? "commercial" : "residential",
              String.format("%.2f", 45 + random.nextDouble() * (tower ? 90 : 70)), ewkt(point));
          (shop ? c.commercial : c.residential).add(new House(hid, gridCode, houseAddress, point));
          residential += shop ? 0 : 1;
        }
      }
    }
    return residential;
  }

  /** A household of {@code size} moves into {@code house}; returns how many persons it has. */
  private int moveIn(Community c, House house, int size) {
    boolean owners = random.nextInt(100) < 58;
    int headAge = 24 + (int) (random.nextDouble() * random.nextDouble() * 60);
    boolean headMale = random.nextInt(100) < 55;
    List<String> headFlags = size == 1 && headAge >= 70 ? List.of("elderly_alone") : List.of();
    Person head = persons.create(t.person, headAge, headMale, headFlags);
    long household = householdId++;
    t.household.row(household, c.code + String.format("%06d", household % 1_000_000), house.id(), head.id(), "family");
    join(c, household, head, "02", house, owners ? "owner" : "tenant");
    int members = 1;
    if (size >= 2 && random.nextInt(100) < 85) {
      int age = Math.max(20, headAge + random.nextInt(11) - 5);
      join(c, household, persons.create(t.person, age, !headMale, List.of()), "10", house, owners ? "owner" : "tenant");
      members++;
    }
    while (members < size) {
      boolean parent = members >= 3 && headAge < 60 && random.nextInt(100) < 40;
      int age = parent ? headAge + 22 + random.nextInt(12) : Math.max(0, headAge - 22 - random.nextInt(15));
      boolean male = random.nextBoolean();
      String relation = parent ? (male ? "51" : "52") : (male ? "20" : "30");
      join(c, household, persons.create(t.person, Math.min(age, 99), male, List.of()), relation, house, "resident");
      members++;
    }
    return members;
  }

  private void join(Community c, long household, Person p, String relation, House house, String kind) {
    t.member.row(household, p.id(), relation);
    t.residence.row(residenceId++, p.id(), house.id(), kind,
        PersonFactory.TODAY.minusDays(30 + random.nextInt(365 * 12)), "gongan_hukou");
    if (p.age() >= 22 && p.age() <= 62) {
      c.workingAge.add(p.id());
    }
  }

  private void addPlaces(Community c, int count) {
    List<House> sites = c.commercial.isEmpty() ? c.residential : c.commercial;
    for (int i = 0; i < count && !sites.isEmpty(); i++) {
      House h = sites.get(random.nextInt(sites.size()));
      int k = random.nextInt(PLACE_KINDS.length);
      String name = NameBook.road(random).replaceAll("(路|大道|街|一路|二路|三路)$", "") + PLACE_NAMES[k];
      t.place.row(placeId++, name, PLACE_KINDS[k], h.id(), null, h.gridCode(), h.address(), ewkt(h.point()));
    }
  }

  static String ewkt(Point p) {
    return "SRID=4490;POINT(" + p.getX() + " " + p.getY() + ")";
  }
}
