package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every community, street and demo road of the real 深圳 tree, in the forms departments write them. */
class AddressesWholeCityTest {
  private static final RegionTree TREE = ShenzhenRegions.TREE;
  /** The road names the demo generator uses (demo.NameBook), many of them also region names. */
  private static final String[] ROADS = {"深南", "红荔", "华强", "梅林", "香蜜", "景田", "莲花", "彩田", "福华", "滨河",
      "北环", "新洲", "益田", "金田", "皇岗", "上步", "燕南", "振兴", "八卦", "笋岗", "宝安", "东门", "人民", "建设",
      "解放", "和平", "松园", "翠竹", "太宁", "布心", "沙河", "侨香", "科苑", "高新", "南海", "学府", "桃园", "前海",
      "创业", "新安", "西乡", "石岩", "龙华", "民治", "观澜", "布吉", "横岗", "龙岗", "坪山", "葵涌", "南澳", "光明",
      "公明", "福永", "沙井", "松岗", "大浪", "坂田", "平湖", "梅观", "丹竹", "碧海", "望海", "海月", "春风", "凤凰"};
  private static final String[] ROAD_KINDS = {"路", "大道", "街", "一路", "二路", "三路"};
  private static final String DETAILS = "深南大道12号3栋1单元1201";

  private static List<Region> at(int level) {
    return ShenzhenRegions.REGIONS.stream().filter(r -> r.level() == level).toList();
  }

  private static String names(Region r, Function<Region, String> name) {
    StringBuilder out = new StringBuilder();
    for (Region p : TREE.path(r.code())) {
      if (p.level() >= Region.CITY) {
        out.append(name.apply(p));
      }
    }
    return out.toString();
  }

  /** The name without its suffix, as people write it; 书院街社区 stays whole (书院街 alone is a road). */
  private static String shortName(Region r) {
    String n = r.name();
    for (String suffix : new String[] {"街道", "社区", "区", "市"}) {
      if (n.endsWith(suffix) && n.length() - suffix.length() >= 2 && (r.level() != Region.STREET || suffix.equals("街道"))) {
        String bare = n.substring(0, n.length() - suffix.length());
        return bare.matches(".*(路|街|巷|道)") ? n : bare;
      }
    }
    return n;
  }

  @Test
  void treeHasTheWholeCity() {
    assertThat(at(Region.DISTRICT)).hasSize(9);
    assertThat(at(Region.STREET)).hasSize(79);
    assertThat(at(Region.COMMUNITY)).hasSize(788);
  }

  @Test
  void everyCommunity_writtenTheWayTheDemoDataWritesIt_isStandard_withItsCode() {
    List<String> failures = new ArrayList<>();
    for (Region c : at(Region.COMMUNITY)) {
      String raw = names(c, Region::name) + DETAILS;
      ParsedAddress a = Addresses.parse(raw, TREE);
      if (a.status() != Status.STANDARD || !c.code().equals(a.communityCode())) {
        failures.add(raw + " → " + a.status() + " " + a.communityCode() + " " + a.problem());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyCommunity_withProvinceAndShortNames_resolvesToItsCode() {
    List<String> failures = new ArrayList<>();
    for (Region c : at(Region.COMMUNITY)) {
      for (String raw : List.of("广东省" + names(c, Region::name) + DETAILS, names(c, AddressesWholeCityTest::shortName) + DETAILS)) {
        ParsedAddress a = Addresses.parse(raw, TREE);
        if (!c.code().equals(a.communityCode()) || !a.road().equals("深南大道")) {
          failures.add(raw + " → " + a.status() + " " + a.communityCode() + " " + a.road() + " " + a.problem());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyCommunity_withoutItsStreet_isFoundWhenItsNameIsUniqueInTheDistrict() {
    List<String> failures = new ArrayList<>();
    for (Region c : at(Region.COMMUNITY)) {
      Region district = TREE.path(c.code()).get(2);
      long sameName = at(Region.COMMUNITY).stream()
          .filter(o -> o.name().equals(c.name()) && o.code().startsWith(district.code())).count();
      String raw = "深圳市" + district.name() + c.name() + DETAILS;
      ParsedAddress a = Addresses.parse(raw, TREE);
      // 盐田 is both a community and (without 街道) its street: the shallower reading wins.
      String street = c.code().substring(0, 9);
      boolean streetNamesake = shortName(TREE.region(street).orElseThrow()).equals(c.name());
      String want = streetNamesake ? street : sameName == 1 ? c.code() : district.code();
      if (!want.equals(a.regionCode()) || a.status() == Status.INVALID) {
        failures.add(raw + " → " + a.status() + " " + a.regionCode() + " want " + want + " " + a.problem());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyDemoRoad_afterEveryStreet_isARoad_evenWhenItIsNamedAfterARegion() {
    List<String> failures = new ArrayList<>();
    for (Region s : at(Region.STREET)) {
      for (String road : ROADS) {
        for (String kind : ROAD_KINDS) {
          String raw = names(s, Region::name) + road + kind + "8号";
          ParsedAddress a = Addresses.parse(raw, TREE);
          if (a.status() != Status.STANDARD || !s.code().equals(a.regionCode()) || !(road + kind).equals(a.road())) {
            failures.add(raw + " → " + a.status() + " " + a.regionCode() + " " + a.road() + " " + a.problem());
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
