package cn.citygrid.backend.governance.standardise;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a row's standardisation depends on besides the row: the date that counts as today, the
 * region tree, and per-source defaults (spreadsheet dates, the source's area code and region).
 * Build it once per import and share it across threads.
 *
 * @param dateSource {@link Dates.Source#SPREADSHEET} to accept Excel serial numbers in date fields
 * @param defaultAreaCode added to bare local phone numbers ("0755"), or null to reject them
 * @param defaultRegionCode the region of addresses that name none (the source's community), or null
 */
public record StandardiseContext(LocalDate today, RegionTree regions, Dates.Source dateSource, String defaultAreaCode,
    String defaultRegionCode) {
  public StandardiseContext {
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(regions, "regions");
    Objects.requireNonNull(dateSource, "dateSource");
  }

  public static StandardiseContext of(LocalDate today, RegionTree regions) {
    return new StandardiseContext(today, regions, Dates.Source.TEXT, null, null);
  }

  public StandardiseContext withSpreadsheetDates() {
    return new StandardiseContext(today, regions, Dates.Source.SPREADSHEET, defaultAreaCode, defaultRegionCode);
  }

  public StandardiseContext withDefaultAreaCode(String areaCode) {
    return new StandardiseContext(today, regions, dateSource, areaCode, defaultRegionCode);
  }

  public StandardiseContext withDefaultRegion(String regionCode) {
    return new StandardiseContext(today, regions, dateSource, defaultAreaCode, regionCode);
  }
}
