package cn.citygrid.backend.governance.standardise;

/**
 * The names used in {@link Standardised#changes()}: a small fixed vocabulary so the pipeline can
 * count what it had to fix per source ("how many IDs were 15-digit?").
 */
public final class Change {
  public static final String FULL_WIDTH = "full-width→half-width";
  public static final String SPACES = "spaces removed";
  public static final String HYPHENS = "hyphens removed";
  public static final String QUOTES = "quotes removed";
  public static final String LOWER_X = "x→X";
  public static final String TIMES_X = "×→X";
  public static final String UPGRADED_15 = "15→18";
  public static final String UPPER_CASE = "lower→upper case";
  public static final String MIDDLE_DOT = "middle dot unified";
  public static final String PUNCTUATION = "brackets/dots removed";
  public static final String COUNTRY_CODE = "country code removed";
  public static final String TRUNK_ZERO = "leading 0 before mobile removed";
  public static final String AREA_CODE_SPLIT = "area code separated";
  public static final String AREA_CODE_ADDED = "default area code added";
  public static final String SPREADSHEET_DECIMAL = "spreadsheet '.0' removed";
  public static final String DATE_SEPARATORS = "separators→'-'";
  public static final String CHINESE_DATE = "年月日→ISO";
  public static final String COMPACT_DATE = "yyyyMMdd→ISO";
  public static final String ZERO_PADDED = "zero-padded";
  public static final String TIME_DROPPED = "time dropped";
  public static final String EXCEL_SERIAL = "Excel serial→date";
  public static final String LABEL_TO_CODE = "label→code";
  public static final String PROVINCE_DROPPED = "province dropped";
  public static final String CITY_ADDED = "city added";
  public static final String DISTRICT_INFERRED = "district inferred";
  public static final String STREET_INFERRED = "street inferred";
  public static final String FULL_NAME = "short name→full name";
  public static final String FORMER_NAME = "former name→current name";
  public static final String REGION_FROM_CONTEXT = "region taken from context";
  public static final String REPEATED_REGION = "repeated region name removed";
  public static final String NUMBER_SUFFIX = "号 normalised";
  public static final String BUILDING_SUFFIX = "building suffix→栋";
  public static final String CHINESE_NUMERAL = "Chinese numeral→digits";
  public static final String FLOOR_ROOM_JOINED = "floor+room joined";
  public static final String ROOM_SUFFIX = "room suffix dropped";
  public static final String REFORMATTED = "reformatted";

  private Change() {}
}
