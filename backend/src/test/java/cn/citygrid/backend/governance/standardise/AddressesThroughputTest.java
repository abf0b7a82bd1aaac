package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Prints how fast addresses parse (informative only: no timing assertion, CI machines vary) and checks thread safety. */
class AddressesThroughputTest {
  private static final int ADDRESSES = 100_000;

  @Test
  void parses100kMessyAddresses_andPrintsTheRate() {
    List<String> input = addresses(new Random(7));
    int usable = 0;
    for (int i = 0; i < 20_000; i++) {
      Addresses.parse(input.get(i), ShenzhenRegions.TREE);
    }
    long start = System.nanoTime();
    for (String raw : input) {
      usable += Addresses.parse(raw, ShenzhenRegions.TREE).standardForm() != null ? 1 : 0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("Addresses.parse: %,d addresses in %.3f s = %,.0f/s on one thread%n", ADDRESSES, seconds, ADDRESSES / seconds);
    assertThat(usable).isEqualTo(ADDRESSES);
  }

  @Test
  void parsingFromManyThreads_givesTheSameResultsAsFromOne() {
    List<String> input = addresses(new Random(11)).subList(0, 20_000);
    List<ParsedAddress> sequential = input.stream().map(a -> Addresses.parse(a, ShenzhenRegions.TREE)).toList();
    List<ParsedAddress> parallel = input.parallelStream().map(a -> Addresses.parse(a, ShenzhenRegions.TREE)).toList();
    assertThat(parallel).isEqualTo(sequential);
  }

  /** Demo-style addresses of random communities, a third written messily. */
  private static List<String> addresses(Random random) {
    List<Region> communities = ShenzhenRegions.REGIONS.stream().filter(r -> r.level() == Region.COMMUNITY).toList();
    String[] roads = {"深南大道", "红荔路", "梅林一路", "莲花路", "宝安大道", "布吉街", "凤凰二路"};
    List<String> out = new ArrayList<>(ADDRESSES);
    for (int i = 0; i < ADDRESSES; i++) {
      Region c = communities.get(random.nextInt(communities.size()));
      StringBuilder prefix = new StringBuilder();
      ShenzhenRegions.TREE.path(c.code()).stream().filter(r -> r.level() >= Region.CITY).forEach(r -> prefix.append(r.name()));
      String detail = roads[random.nextInt(roads.length)] + (1 + random.nextInt(300)) + "号" + (1 + random.nextInt(30)) + "栋"
          + (1 + random.nextInt(3)) + "单元" + (1 + random.nextInt(30)) + "0" + (1 + random.nextInt(6));
      String address = prefix + detail;
      out.add(switch (i % 3) {
        case 0 -> address;
        case 1 -> "广东省 " + address.replace("栋", "幢").replace("号", " 号 ");
        default -> address.replace('1', '１').replace("单元", " 单元") + "室";
      });
    }
    return out;
  }
}
