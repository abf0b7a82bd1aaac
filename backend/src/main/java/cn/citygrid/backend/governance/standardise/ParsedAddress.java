package cn.citygrid.backend.governance.standardise;

import java.util.List;

/**
 * An address taken apart against a {@link RegionTree}. Codes are filled from the deepest region the
 * text allowed down to the root (levels the text skipped are inferred from the tree); every part is
 * null when absent.
 *
 * <ul>
 *   <li>{@code unresolvedRegion}: a region name that is ambiguous at the level reached (a community
 *       name used in two streets of the district, with no street given); kept as text.</li>
 *   <li>{@code place}: an estate or building name between the road number and the building
 *       ({@code 百花园}, {@code 百花大厦}).</li>
 *   <li>{@code floor}: as written ({@code 12楼01}) or derived from a 3–4 digit room ({@code 1201} → 12).</li>
 *   <li>{@code remainder}: text that fits nowhere, in order.</li>
 *   <li>{@code standardForm}: city … community names, then road, {@code N号}, place, {@code N栋},
 *       {@code N单元}, room and remainder; null when the address is INVALID or MISSING.</li>
 * </ul>
 */
public record ParsedAddress(String provinceCode, String cityCode, String districtCode, String streetCode,
    String communityCode, String unresolvedRegion, String road, String number, String place, String building, String unit,
    Integer floor, String room, String remainder, String standardForm, Status status, List<String> changes,
    Problem problem) {

  public ParsedAddress {
    changes = List.copyOf(changes);
  }

  static ParsedAddress missing() {
    return new ParsedAddress(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        Status.MISSING, List.of(), null);
  }

  /** The code of the deepest region resolved, or null. */
  public String regionCode() {
    return communityCode != null ? communityCode : streetCode != null ? streetCode : districtCode != null ? districtCode
        : cityCode != null ? cityCode : provinceCode;
  }

  /** The same outcome in the pipeline's common shape; the value is this address when usable. */
  public Standardised<ParsedAddress> asStandardised() {
    boolean usable = status == Status.STANDARD || status == Status.STANDARDISED;
    return new Standardised<>(usable ? this : null, status, changes, problem);
  }
}
