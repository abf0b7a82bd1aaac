package cn.citygrid.backend.governance.standardise;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The canonical fields of an import row and the standardiser each one goes through. Values of the
 * results: String (id_number, name, phone, credit_code), {@link Code} (gender, ethnicity, relation,
 * residence_kind), {@code List<Code>} (care_flag), {@link java.time.LocalDate} (birth_date, date),
 * {@link ParsedAddress} (address) and {@link Region} (registered_region).
 */
public enum FieldKind {
  ID_NUMBER("id_number"),
  NAME("name"),
  GENDER("gender"),
  BIRTH_DATE("birth_date"),
  ETHNICITY("ethnicity"),
  PHONE("phone"),
  ADDRESS("address"),
  REGISTERED_REGION("registered_region"),
  CREDIT_CODE("credit_code"),
  RELATION("relation"),
  RESIDENCE_KIND("residence_kind"),
  CARE_FLAG("care_flag"),
  DATE("date");

  private static final Map<String, FieldKind> BY_FIELD = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(FieldKind::field, Function.identity()));

  private final String field;

  FieldKind(String field) {
    this.field = field;
  }

  /** The canonical field name, as in the pipeline's column mapping. */
  public String field() {
    return field;
  }

  public static Optional<FieldKind> of(String field) {
    return Optional.ofNullable(BY_FIELD.get(field));
  }

  public Standardised<?> standardise(String raw, StandardiseContext ctx) {
    return switch (this) {
      case ID_NUMBER -> IdNumbers.standardise(raw, ctx.today());
      case NAME -> Names.standardise(raw);
      case GENDER -> Dictionaries.GENDER.standardise(raw);
      case BIRTH_DATE, DATE -> Dates.standardise(raw, ctx.today(), ctx.dateSource());
      case ETHNICITY -> Dictionaries.ETHNICITY.standardise(raw);
      case PHONE -> PhoneNumbers.standardise(raw, ctx.defaultAreaCode());
      case ADDRESS -> Addresses.parse(raw, ctx.regions(), ctx.defaultRegionCode()).asStandardised();
      case REGISTERED_REGION -> Addresses.region(raw, ctx.regions());
      case CREDIT_CODE -> CreditCodes.standardise(raw);
      case RELATION -> Dictionaries.RELATION.standardise(raw);
      case RESIDENCE_KIND -> Dictionaries.RESIDENCE_KIND.standardise(raw);
      case CARE_FLAG -> Dictionaries.careFlags(raw);
    };
  }

  /** The text the pipeline stores for a usable value: codes for dictionaries and regions, ISO dates, standard forms. */
  public static String canonicalText(Object value) {
    if (value instanceof Code c) {
      return c.code();
    }
    if (value instanceof Region r) {
      return r.code();
    }
    if (value instanceof ParsedAddress a) {
      return a.standardForm();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(FieldKind::canonicalText).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }
}
