package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.DbConfig;
import cn.citygrid.backend.governance.standardise.Addresses;
import cn.citygrid.backend.governance.standardise.Code;
import cn.citygrid.backend.governance.standardise.CreditCodes;
import cn.citygrid.backend.governance.standardise.Dates;
import cn.citygrid.backend.governance.standardise.Dictionaries;
import cn.citygrid.backend.governance.standardise.Dictionary;
import cn.citygrid.backend.governance.standardise.IdNumbers;
import cn.citygrid.backend.governance.standardise.Names;
import cn.citygrid.backend.governance.standardise.PhoneNumbers;
import cn.citygrid.backend.governance.standardise.RegionTree;
import cn.citygrid.backend.governance.standardise.Standardised;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Our fields → the standardisers of {@code governance.standardise}: the one place that says how
 * each field of a department row is made standard. Built per file (spreadsheets write dates as
 * serial numbers) over the region tree loaded from grid.region.
 */
public final class Standardisers implements FieldStandardiser {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Map<String, String> USAGE = Map.of("住宅", "residential", "商业", "commercial", "商住", "mixed",
      "residential", "residential", "commercial", "commercial", "mixed", "mixed");

  private final RegionTree tree;
  private final Counties counties;
  private final LocalDate today;
  private final Dates.Source dates;

  Standardisers(RegionTree tree, Counties counties, LocalDate today, Dates.Source dates) {
    this.tree = tree;
    this.counties = counties;
    this.today = today;
    this.dates = dates;
  }

  /** Loads the region tree once; each file then gets its own standardiser. */
  public static ImportJob.StandardiserFactory factory(DbConfig db) {
    RegionTree tree = RegionTrees.load(db);
    Counties counties = Counties.load();
    return (format, today) -> new Standardisers(tree, counties, today,
        format == RowReaders.Format.xlsx ? Dates.Source.SPREADSHEET : Dates.Source.TEXT);
  }

  @Override
  public FieldValue standardise(String field, String raw) {
    return switch (field) {
      case "id_number", "legal_rep_id_number" -> of(field, IdNumbers.standardise(raw, today), raw);
      case "name", "legal_rep_name" -> of(field, Names.standardise(raw), raw);
      case "gender" -> code(field, Dictionaries.GENDER, raw);
      case "ethnicity" -> code(field, Dictionaries.ETHNICITY, raw);
      case "relation" -> code(field, Dictionaries.RELATION, raw);
      case "residence_kind" -> code(field, Dictionaries.RESIDENCE_KIND, raw);
      case "care_flag" -> careFlags(field, raw);
      case "care_flag_disabled" -> blank(raw) ? FieldValue.missing(field) : FieldValue.of(field, false, "disabled", "disabled");
      case "birth_date", "registered_at" -> of(field, Dates.standardise(raw, today, dates), raw);
      case "phone" -> of(field, PhoneNumbers.standardise(raw), raw);
      case "credit_code", "employer_credit_code" -> of(field, CreditCodes.standardise(raw), raw);
      case "address" -> address(field, raw);
      case "registered_region" -> counties.standardise(field, raw);
      case "registered_capital_wan", "area_m2" -> number(field, raw);
      case "usage" -> usage(field, raw);
      case "house_id" -> blank(raw) ? FieldValue.missing(field) : raw.trim().matches("[0-9]{1,18}")
          ? FieldValue.of(field, false, Long.parseLong(raw.trim()), raw.trim()) : FieldValue.invalid(field, raw, "房屋编号应为数字", "A house id is a number");
      default -> text(field, raw);
    };
  }

  /** {@code raw} is kept with an invalid value: the issue shows what was wrong (masked if personal). */
  static FieldValue of(String field, Standardised<?> s, String raw) {
    return switch (s.status()) {
      case MISSING -> FieldValue.missing(field);
      case INVALID -> FieldValue.invalid(field, raw == null ? null : raw.strip(), s.problem().zh(), s.problem().en());
      case STANDARD, STANDARDISED -> new FieldValue(field, s.status() == cn.citygrid.backend.governance.standardise.Status.STANDARD
          ? FieldValue.Status.STANDARD : FieldValue.Status.STANDARDISED, s.value(), String.valueOf(s.value()), null, null);
    };
  }

  private static FieldValue code(String field, Dictionary dictionary, String raw) {
    return of(field, dictionary.standardise(raw).map(Code::code), raw);
  }

  private static FieldValue careFlags(String field, String raw) {
    Standardised<List<Code>> s = Dictionaries.careFlags(raw);
    return of(field, s.map(codes -> codes.stream().map(Code::code).toList()), raw);
  }

  private FieldValue address(String field, String raw) {
    var parsed = Addresses.parse(raw, tree);
    return switch (parsed.status()) {
      case MISSING -> FieldValue.missing(field);
      case INVALID -> FieldValue.invalid(field, raw, parsed.problem().zh(), parsed.problem().en());
      case STANDARD, STANDARDISED -> new FieldValue(field, parsed.status() == cn.citygrid.backend.governance.standardise.Status.STANDARD
          ? FieldValue.Status.STANDARD : FieldValue.Status.STANDARDISED,
          new AddressValue(parsed.standardForm(), parsed.communityCode()), parsed.standardForm(), null, null);
    };
  }

  private static FieldValue number(String field, String raw) {
    if (blank(raw)) {
      return FieldValue.missing(field);
    }
    String clean = Normalizer.normalize(raw, Normalizer.Form.NFKC).replace(",", "").trim();
    try {
      BigDecimal n = new BigDecimal(clean);
      return FieldValue.of(field, !clean.equals(raw), n, n.toPlainString());
    } catch (NumberFormatException e) {
      return FieldValue.invalid(field, raw, "应为数字", "Must be a number");
    }
  }

  private static FieldValue usage(String field, String raw) {
    if (blank(raw)) {
      return FieldValue.missing(field);
    }
    String v = USAGE.get(raw.trim());
    return v == null ? FieldValue.invalid(field, raw, "用途应为 住宅、商业 或 商住", "Usage must be residential, commercial or mixed")
        : FieldValue.of(field, !v.equals(raw), v, v);
  }

  private static FieldValue text(String field, String raw) {
    if (blank(raw)) {
      return FieldValue.missing(field);
    }
    String v = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).strip()).replaceAll(" ");
    return FieldValue.of(field, !v.equals(raw), v, v);
  }

  static boolean blank(String raw) {
    return raw == null || raw.isBlank();
  }
}
