package cn.citygrid.backend.auth;

import java.util.List;
import java.util.Set;

/**
 * The authenticated caller. {@code scope} holds code prefixes of the region/grid tree the account
 * is attached to (a street's "440305001", a grid's 15-digit code); empty for roles without a
 * territorial scope (ADMIN, DATA_STEWARD, CITIZEN).
 */
public record Principal(long accountId, String username, String displayName, Set<Role> roles,
    List<String> scope, String department, String sessionId) {

  public Principal {
    roles = Set.copyOf(roles);
    scope = List.copyOf(scope);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** True when {@code code} (a region, grid or house grid code) lies inside this caller's scope. */
  public boolean covers(String code) {
    return code != null && scope.stream().anyMatch(code::startsWith);
  }
}
