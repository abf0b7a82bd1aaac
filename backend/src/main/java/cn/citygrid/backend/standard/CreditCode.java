package cn.citygrid.backend.standard;

import java.util.Optional;

/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: registration authority (1),
 * entity type (1), GB/T 2260 region (6), organisation code (9, GB 11714 with its own check
 * character) and a MOD 31 check character. The alphabet leaves out I, O, Z, S and V.
 */
public final class CreditCode {
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private CreditCode() {}

  public static char checkChar(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** GB 11714 check character of an 8-character organisation code body (digits and A-Z). */
  public static char organisationCheck(CharSequence body8) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = body8.charAt(i);
      sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * ORG_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  /** A valid code for a company ("9" market regulation, "1" enterprise) registered in {@code region6}. */
  public static String of(char authority, char type, String region6, String organisationBody8) {
    String first17 = "" + authority + type + region6 + organisationBody8 + organisationCheck(organisationBody8);
    return first17 + checkChar(first17);
  }

  public static Optional<String> problem(String code) {
    if (code == null || code.length() != 18) {
      return Optional.of("not 18 characters");
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Optional.of("character '" + code.charAt(i) + "' at " + (i + 1) + " is not allowed");
      }
    }
    char expected = checkChar(code);
    if (code.charAt(17) != expected) {
      return Optional.of("check character is " + code.charAt(17) + ", want " + expected);
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }
}
