package cn.citygrid.backend.standard;

import java.util.Random;
import java.util.regex.Pattern;

/** Mainland mobile numbers: 11 digits starting 13-19. */
public final class Phones {
  private static final String[] PREFIXES = {"130", "131", "132", "135", "136", "137", "138", "139", "150", "151",
      "152", "157", "158", "159", "177", "180", "181", "182", "186", "187", "188", "189", "191", "199"};

  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

  private Phones() {}

  public static boolean isMobile(String phone) {
    return phone != null && MOBILE.matcher(phone).matches();
  }

  /** Shown to roles that may not see the number: "138****5678". */
  public static String mask(String phone) {
    return phone.length() < 7 ? "*".repeat(phone.length()) : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  public static String random(Random random) {
    return PREFIXES[random.nextInt(PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
  }
}
