package cn.citygrid.backend.governance.standardise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Standardises a whole row of canonical fields generically, for the import pipeline. */
public final class RowStandardiser {
  private RowStandardiser() {}

  /**
   * Runs each known field ({@link FieldKind}) through its standardiser, passes unknown fields
   * through, then checks the valid fields against each other.
   */
  public static StandardisedRow standardise(Map<String, String> canonicalFields, StandardiseContext ctx) {
    Map<String, Standardised<?>> fields = new LinkedHashMap<>();
    Map<String, String> passed = new LinkedHashMap<>();
    canonicalFields.forEach((name, raw) -> {
      Optional<FieldKind> kind = FieldKind.of(name);
      if (kind.isPresent()) {
        fields.put(name, kind.get().standardise(raw, ctx));
      } else {
        passed.put(name, raw);
      }
    });
    return new StandardisedRow(fields, passed, conflicts(fields));
  }

  private static List<Problem> conflicts(Map<String, Standardised<?>> fields) {
    List<Problem> out = new ArrayList<>(0);
    String id = usable(fields, FieldKind.ID_NUMBER) instanceof String s ? s : null;
    if (id == null) {
      return out;
    }
    if (usable(fields, FieldKind.GENDER) instanceof Code gender && (gender.code().equals("1") || gender.code().equals("2"))
        && !gender.code().equals(IdNumbers.genderCode(id))) {
      out.add(new Problem("row.gender_conflicts_id", "性别“" + gender.nameZh() + "”与身份证号的性别位不符",
          "gender " + gender.nameEn() + " contradicts the ID number's sequence digit"));
    }
    if (usable(fields, FieldKind.BIRTH_DATE) instanceof LocalDate birth && !IdNumbers.birthDate(id).orElseThrow().equals(birth)) {
      out.add(new Problem("row.birth_date_conflicts_id", "出生日期 " + birth + " 与身份证号中的 " + IdNumbers.birthDate(id).get() + " 不符",
          "birth date " + birth + " contradicts the ID number's " + IdNumbers.birthDate(id).get()));
    }
    return out;
  }

  private static Object usable(Map<String, Standardised<?>> fields, FieldKind kind) {
    Standardised<?> r = fields.get(kind.field());
    return r == null ? null : r.value();
  }
}
