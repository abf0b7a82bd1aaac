package cn.citygrid.backend.demo;

import cn.citygrid.backend.demo.Community.House;
import cn.citygrid.backend.standard.CreditCode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Demo enterprises with valid unified social credit codes (GB 32100) registered in the community's
 * district, and the people around them: a legal representative, shareholders whose shares add up
 * to 100 %, executives and employees, all residents of the city.
 */
final class Enterprises {
  private static final String[] WORDS = {"华信", "鹏程", "前海", "粤海", "南山", "创新", "宏达", "金桥", "新世纪", "星河",
      "东方", "中科", "海岸", "天健", "万象", "瑞丰", "恒通", "盛世", "腾飞", "嘉禾", "安居", "顺发", "智联", "远航"};
  private static final String[][] INDUSTRIES = {{"科技", "信息传输、软件和信息技术服务业"}, {"贸易", "批发和零售业"},
      {"餐饮管理", "住宿和餐饮业"}, {"物业管理", "房地产业"}, {"建筑工程", "建筑业"}, {"电子", "制造业"},
      {"物流", "交通运输、仓储和邮政业"}, {"文化传媒", "文化、体育和娱乐业"}, {"医疗器械", "制造业"}, {"教育咨询", "教育"}};
  private static final String[] TITLES = {"总经理", "副总经理", "财务负责人", "监事", "董事"};

  private final Random random;
  private final DemoTables t;
  private final Set<String> codes = new HashSet<>();
  private long nextId = 1;

  Enterprises(Random random, DemoTables tables) {
    this.random = random;
    this.t = tables;
  }

  void register(Community c, int count) {
    List<House> sites = c.commercial.isEmpty() ? c.residential : c.commercial;
    for (int i = 0; i < count && !sites.isEmpty() && c.workingAge.size() >= 4; i++) {
      House site = sites.get(random.nextInt(sites.size()));
      boolean soleTrader = random.nextInt(100) < 30;
      String[] industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
      String word = WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)];
      String name = soleTrader ? "深圳市" + c.addressPrefix.substring(3, 6) + word + industry[0] + "店"
          : "深圳市" + word + industry[0] + "有限公司";
      long id = nextId++;
      LocalDate registered = PersonFactory.TODAY.minusDays(200 + random.nextInt(365 * 20));
      t.enterprise.row(id, creditCode(c.code.substring(0, 6), soleTrader), name,
          soleTrader ? "个体工商户" : "有限责任公司", industry[1], registered,
          soleTrader ? 50_000 + random.nextInt(200_000) : 1_000_000 + random.nextInt(50) * 1_000_000,
          site.id(), site.gridCode(), site.address(), Population.ewkt(site.point()));
      people(c, id, soleTrader, registered);
    }
  }

  private String creditCode(String district, boolean soleTrader) {
    while (true) {
      String body = String.format("%08d", random.nextInt(100_000_000));
      String code = CreditCode.of('9', soleTrader ? '2' : '1', district, body);
      if (codes.add(code)) {
        return code;
      }
    }
  }

  private void people(Community c, long enterprise, boolean soleTrader, LocalDate since) {
    long legal = pick(c);
    relate(legal, enterprise, "legal_representative", null, soleTrader ? "经营者" : "执行董事", since);
    if (soleTrader) {
      return;
    }
    Set<Long> holders = new LinkedHashSet<>(List.of(legal));
    int more = random.nextInt(4);
    for (int i = 0; i < more; i++) {
      holders.add(pick(c));
    }
    int left = 100;
    int n = 0;
    for (long holder : holders) {
      n++;
      int share = n == holders.size() ? left : Math.max(1, Math.min(left - (holders.size() - n), 10 + random.nextInt(60)));
      left -= share;
      relate(holder, enterprise, "shareholder", share, null, since);
    }
    Set<Long> executives = new LinkedHashSet<>();
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      executives.add(pick(c));
    }
    executives.forEach(e -> relate(e, enterprise, "executive", null, TITLES[random.nextInt(TITLES.length)], since));
    Set<Long> employees = new LinkedHashSet<>();
    for (int i = 0; i < random.nextInt(16); i++) {
      employees.add(pick(c));
    }
    employees.forEach(e -> relate(e, enterprise, "employee", null, null, since.plusDays(random.nextInt(900))));
  }

  private void relate(long person, long enterprise, String relation, Integer share, String title, LocalDate since) {
    t.personEnterprise.row(person, enterprise, relation, share, title, since, "shichang_registry");
  }

  private long pick(Community c) {
    return c.workingAge.get(random.nextInt(c.workingAge.size()));
  }
}
