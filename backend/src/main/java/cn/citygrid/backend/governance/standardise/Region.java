package cn.citygrid.backend.governance.standardise;

import java.util.Objects;

/**
 * One administrative division as stored in grid.region: statistical division code, official name,
 * level ({@link #PROVINCE} 1 … {@link #COMMUNITY} 5) and the parent's code (null for a root).
 */
public record Region(String code, String name, int level, String parentCode) {
  public static final int PROVINCE = 1;
  public static final int CITY = 2;
  public static final int DISTRICT = 3;
  public static final int STREET = 4;
  public static final int COMMUNITY = 5;

  public Region {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (level < PROVINCE || level > COMMUNITY) {
      throw new IllegalArgumentException("level 1..5, got " + level + " for " + code);
    }
  }
}
