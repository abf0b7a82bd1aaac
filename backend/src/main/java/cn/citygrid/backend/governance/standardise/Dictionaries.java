package cn.citygrid.backend.governance.standardise;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The dictionaries the pipeline uses, loaded once from {@code /governance/dict}. */
public final class Dictionaries {
  /** GB/T 2261.1-2003 人的性别代码: 0 unknown, 1 male, 2 female, 9 unspecified. */
  public static final Dictionary GENDER = Dictionary.load("GB/T 2261.1 性别代码", "/governance/dict/gender.tsv");
  /** GB 3304-1991 民族代码: 01 汉族 … 56 基诺族, 97 其他, 98 外国血统中国籍人士. */
  public static final Dictionary ETHNICITY = Dictionary.load("GB 3304 民族代码", "/governance/dict/ethnicity.tsv");
  /** GB/T 4761-2008 家庭关系代码: relation to the head of household. */
  public static final Dictionary RELATION = Dictionary.load("GB/T 4761 家庭关系代码", "/governance/dict/relation.tsv");
  /** Our schema's residence kinds: owner, tenant, resident, other. */
  public static final Dictionary RESIDENCE_KIND = Dictionary.load("居住类型", "/governance/dict/residence-kind.tsv");
  /** Our schema's care flags: elderly_alone, disabled, low_income, veteran, left_behind_child. */
  public static final Dictionary CARE_FLAG = Dictionary.load("关爱标签", "/governance/dict/care-flag.tsv");

  private static final Pattern FLAG_SEPARATORS = Pattern.compile("[,;/|、\\s]+");

  private Dictionaries() {}

  /**
   * Several care flags in one field, separated by commas, 、, semicolons, slashes or spaces
   * ("低保、残疾人"). Codes come back in dictionary order without duplicates; one unknown label
   * makes the whole field invalid.
   */
  public static Standardised<List<Code>> careFlags(String raw) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    boolean[] seen = new boolean[CARE_FLAG.codes().size()];
    for (String label : FLAG_SEPARATORS.split(Text.nfkc(raw))) {
      if (label.isEmpty()) {
        continue;
      }
      Standardised<Code> one = CARE_FLAG.standardise(label);
      if (!one.usable()) {
        return Standardised.invalid(one.problem(), List.of());
      }
      seen[CARE_FLAG.codes().indexOf(one.value())] = true;
    }
    List<Code> flags = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        flags.add(CARE_FLAG.codes().get(i));
      }
    }
    String canonical = String.join(",", flags.stream().map(Code::code).toList());
    return Standardised.of(List.copyOf(flags), raw.equals(canonical) ? List.of() : List.of(Change.LABEL_TO_CODE));
  }
}
