package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionTreeTest {
  private static final Region PROVINCE = new Region("440000", "广东省", Region.PROVINCE, null);
  private static final Region CITY = new Region("440300", "深圳市", Region.CITY, "440000");
  private static final Region DISTRICT = new Region("440304", "福田区", Region.DISTRICT, "440300");

  @Test
  void pathAndChildren_followTheParentCodes_inAnyInputOrder() {
    RegionTree tree = RegionTree.of(List.of(DISTRICT, CITY, PROVINCE), Map.of());
    assertThat(tree.size()).isEqualTo(3);
    assertThat(tree.path("440304")).containsExactly(PROVINCE, CITY, DISTRICT);
    assertThat(tree.children("440300")).containsExactly(DISTRICT);
    assertThat(tree.region("440304")).contains(DISTRICT);
    assertThat(tree.region("999999")).isEmpty();
    assertThat(tree.path("999999")).isEmpty();
  }

  @Test
  void unknownParent_orDuplicateCode_failsAtBuildTime() {
    assertThatThrownBy(() -> RegionTree.of(List.of(CITY), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names parent 440000, which is not in the list");
    assertThatThrownBy(() -> RegionTree.of(List.of(PROVINCE, PROVINCE), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new Region("1", "x", 6, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formerNames_forCodesOutsideTheTree_areIgnored() {
    RegionTree tree = RegionTree.of(List.of(PROVINCE, CITY, DISTRICT), Map.of("福田新区", "440304", "光明新区", "440311"));
    assertThat(Addresses.parse("深圳市福田新区", tree).districtCode()).isEqualTo("440304");
    assertThat(Addresses.parse("深圳市光明新区", tree).districtCode()).isNull();
  }

  @Test
  void bundledFormerNames_pointAtShenzhenDistricts() {
    assertThat(RegionTree.bundledFormerNames()).containsEntry("光明新区", "440311").containsEntry("龙华新区", "440309")
        .containsEntry("坪山新区", "440310").containsEntry("大鹏新区", "440307");
    assertThat(ShenzhenRegions.TREE.path("440311002").get(2).name()).isEqualTo("光明区");
  }
}
