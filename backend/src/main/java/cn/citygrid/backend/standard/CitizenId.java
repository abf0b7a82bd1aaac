package cn.citygrid.backend.standard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Citizen identification numbers (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260),
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
 * check character (0-9 or X).
 */
public final class CitizenId {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = "10X98765432".toCharArray();
  private static final Pattern EIGHTEEN = Pattern.compile("[0-9]{17}[0-9X]");
  private static final Pattern FIFTEEN = Pattern.compile("[0-9]{15}");
  private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private CitizenId() {}

  /** The check character for the first 17 digits. */
  public static char checkChar(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** Builds a valid number; {@code sequence} 0..999 must be odd for men and even for women. */
  public static String of(String region6, LocalDate birth, int sequence) {
    String first17 = region6 + BIRTH.format(birth) + String.format("%03d", sequence);
    return first17 + checkChar(first17);
  }

  /** Why {@code id} is not a valid 18-character number, or empty when it is. */
  public static Optional<String> problem(String id) {
    if (id == null || !EIGHTEEN.matcher(id).matches()) {
      return Optional.of("not 17 digits followed by a digit or X");
    }
    if (birthDate(id).isEmpty()) {
      return Optional.of("birth date " + id.substring(6, 14) + " does not exist");
    }
    if (birthDate(id).get().isAfter(CityDay.today())) {
      return Optional.of("birth date " + id.substring(6, 14) + " is in the future");
    }
    char expected = checkChar(id);
    if (id.charAt(17) != expected) {
      return Optional.of("check character is " + id.charAt(17) + ", want " + expected);
    }
    return Optional.empty();
  }

  public static boolean isValid(String id) {
    return problem(id).isEmpty();
  }

  public static Optional<LocalDate> birthDate(String id) {
    try {
      return Optional.of(LocalDate.parse(id.substring(6, 14), BIRTH));
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** GB/T 2261.1 gender code from the sequence digit: "1" male, "2" female. */
  public static String genderCode(String id) {
    return (id.charAt(16) - '0') % 2 == 1 ? "1" : "2";
  }

  /**
   * Upgrades a 15-digit first-generation number (6 region + 6 birth yymmdd + 3 sequence, births
   * 1900-1999) to 18 digits, as the standard prescribes.
   */
  public static String upgrade15(String id15) {
    if (!FIFTEEN.matcher(id15).matches()) {
      throw new IllegalArgumentException("a 15-digit number, got " + id15);
    }
    String first17 = id15.substring(0, 6) + "19" + id15.substring(6);
    return first17 + checkChar(first17);
  }

  /** Shown to roles that may not see the number: first 6 and last 4 kept, "110105********002X". */
  public static String mask(String id) {
    return id.length() < 10 ? "*".repeat(id.length()) : id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
  }
}
