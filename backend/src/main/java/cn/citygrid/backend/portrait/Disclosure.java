package cn.citygrid.backend.portrait;

import static cn.citygrid.backend.portrait.Purpose.CARE;
import static cn.citygrid.backend.portrait.Purpose.CASE;
import static cn.citygrid.backend.portrait.Purpose.DATA_CORRECTION;
import static cn.citygrid.backend.portrait.Purpose.OFFLINE;
import static cn.citygrid.backend.portrait.Purpose.VERIFICATION;
import static cn.citygrid.backend.portrait.Purpose.VISIT;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which personal fields a role may see in clear for a stated purpose; everything else is masked
 * (ID 110105********002X, phone 138****5678, name 张*). Leaders never see details in clear.
 * The table is the policy; docs/governance.md prints it.
 */
public final class Disclosure {
  public enum Field { NAME, ID_NUMBER, PHONE }

  private static final Map<Role, Map<Field, Set<Purpose>>> POLICY = Map.of(
      Role.GRID_WORKER, Map.of(
          Field.NAME, EnumSet.of(VISIT, CARE, CASE, VERIFICATION, OFFLINE),
          Field.PHONE, EnumSet.of(VISIT, CARE, CASE),
          Field.ID_NUMBER, EnumSet.of(VERIFICATION)),
      Role.SUPERVISOR, Map.of(
          Field.NAME, EnumSet.of(VISIT, CARE, CASE, VERIFICATION, DATA_CORRECTION),
          Field.PHONE, EnumSet.of(VISIT, CARE, CASE, VERIFICATION),
          Field.ID_NUMBER, EnumSet.of(VERIFICATION, CASE)),
      Role.DATA_STEWARD, Map.of(
          Field.NAME, EnumSet.of(DATA_CORRECTION),
          Field.ID_NUMBER, EnumSet.of(DATA_CORRECTION)),
      Role.ADMIN, Map.of(
          Field.NAME, EnumSet.of(DATA_CORRECTION),
          Field.ID_NUMBER, EnumSet.of(DATA_CORRECTION)));

  private Disclosure() {}

  /** The fields {@code caller} sees in clear for {@code purpose} (the union over their roles). */
  public static Set<Field> clear(Principal caller, Purpose purpose) {
    Set<Field> out = EnumSet.noneOf(Field.class);
    for (Role role : caller.roles()) {
      POLICY.getOrDefault(role, Map.of()).forEach((field, purposes) -> {
        if (purposes.contains(purpose)) {
          out.add(field);
        }
      });
    }
    return out;
  }

  /** The fields' names as the access log records them ({@code name}, {@code id_number}, {@code phone}). */
  public static List<String> names(Set<Field> fields) {
    return fields.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** 张* / 张** / J***: the first character kept. */
  public static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }
}
