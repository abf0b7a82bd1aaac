package cn.citygrid.backend.demo;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.Phones;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Demo residents with valid, unique 18-digit ID numbers whose birth date and gender digit agree
 * with the person, written to the person spool with ID and phone SM4-encrypted, blind-indexed
 * and masked as the platform stores them.
 */
final class PersonFactory {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
  static final byte[] ID_AAD = "grid.person.id_number".getBytes(StandardCharsets.UTF_8);
  static final byte[] PHONE_AAD = "grid.person.phone".getBytes(StandardCharsets.UTF_8);
  private static final String[] MINORITIES = {"02", "03", "04", "05", "06", "08", "09", "10", "11", "12", "15", "18"};

  private final Random random;
  private final DataKeysConfig keys;
  private final List<String> localCounties;
  private final List<String> allCounties;
  private final DemoGovernance governance;
  private final Set<String> issued = new HashSet<>();
  private long nextId = 1;

  PersonFactory(Random random, DataKeysConfig keys, List<String> localCounties, List<String> allCounties,
      DemoGovernance governance) {
    this.random = random;
    this.keys = keys;
    this.localCounties = localCounties;
    this.allCounties = allCounties;
    this.governance = governance;
  }

  /** A generated resident; {@code idNumber} and {@code phone} are clear here and never leave the generator unencrypted. */
  record Person(long id, String name, boolean male, LocalDate birth, String idNumber, String phone, List<String> careFlags) {
    int age() {
      return java.time.Period.between(birth, TODAY).getYears();
    }
  }

  Person create(CopyFile spool, int age, boolean male, List<String> careFlags) {
    LocalDate birth = TODAY.minusYears(age).minusDays(random.nextInt(365));
    String region = random.nextInt(100) < 45 ? pick(localCounties) : pick(allCounties);
    String id = uniqueId(region, birth, male);
    String phone = age >= 12 ? Phones.random(random) : null;
    List<String> flags = new ArrayList<>(careFlags);
    if (random.nextInt(1000) < 15) {
      flags.add("disabled");
    }
    if (random.nextInt(1000) < 25) {
      flags.add("low_income");
    }
    Person p = new Person(nextId++, NameBook.personName(random, male), male, birth, id, phone, flags);
    write(spool, p, region);
    return p;
  }

  private String uniqueId(String region, LocalDate birth, boolean male) {
    while (true) {
      int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
      String id = CitizenId.of(region, birth, sequence);
      if (issued.add(id)) {
        return id;
      }
    }
  }

  private void write(CopyFile spool, Person p, String region) {
    byte[] phoneEnc = p.phone() == null ? null : keys.keyRing().seal(p.phone().getBytes(StandardCharsets.UTF_8), PHONE_AAD);
    Object[] governed = governance.columnsFor(p.id());
    spool.row(p.id(),
        keys.keyRing().seal(p.idNumber().getBytes(StandardCharsets.US_ASCII), ID_AAD),
        keys.blindIndex().index("id_number", p.idNumber()),
        CitizenId.mask(p.idNumber()),
        p.name(),
        CitizenId.genderCode(p.idNumber()),
        p.birth(),
        random.nextInt(100) < 92 ? "01" : MINORITIES[random.nextInt(MINORITIES.length)],
        phoneEnc,
        p.phone() == null ? null : keys.blindIndex().index("phone", p.phone()),
        p.phone() == null ? null : Phones.mask(p.phone()),
        region,
        p.careFlags().toArray(String[]::new),
        governed[0], governed[1], governed[2]);
  }

  long created() {
    return nextId - 1;
  }

  private String pick(List<String> list) {
    return list.get(random.nextInt(list.size()));
  }
}
