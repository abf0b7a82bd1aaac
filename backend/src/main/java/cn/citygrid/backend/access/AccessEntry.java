package cn.citygrid.backend.access;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.sync.protocol.json.Jcs;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One read of a person's (or enterprise's) data: who, as what, when, whose, why, which fields in clear. */
public record AccessEntry(Instant at, long accountId, String username, String role, String subjectKind, long subjectId,
    String purpose, String action, List<String> clearFields, String requestId) {

  /**
   * A read by {@code caller} now, under their {@link #primaryRole}; {@code clearFields} are the fields
   * shown in clear (any order: kept sorted).
   */
  public static AccessEntry read(Clock clock, Principal caller, String subjectKind, long subjectId, String purpose,
      String action, Collection<String> clearFields, String requestId) {
    return new AccessEntry(clock.instant(), caller.accountId(), caller.username(), primaryRole(caller), subjectKind,
        subjectId, purpose, action, clearFields.stream().sorted().toList(), requestId);
  }

  /** The role a read is recorded under: the most senior the caller holds. */
  public static String primaryRole(Principal caller) {
    for (Role r : List.of(Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.DATA_STEWARD, Role.GRID_WORKER, Role.CITIZEN)) {
      if (caller.has(r)) {
        return r.name();
      }
    }
    return "UNKNOWN";
  }

  /** Milliseconds: what the database keeps is exactly what the chain hashed. */
  public AccessEntry {
    at = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    clearFields = List.copyOf(clearFields);
  }

  /** The chain hashes the entry's RFC 8785 bytes: fixed field names, so any later edit shows. */
  byte[] canonical(String node, long seq) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("seq", seq);
    m.put("at", at.toString());
    m.put("accountId", accountId);
    m.put("username", username);
    m.put("role", role);
    m.put("subjectKind", subjectKind);
    m.put("subjectId", subjectId);
    m.put("purpose", purpose);
    m.put("action", action);
    m.put("clearFields", clearFields);
    return Jcs.bytes(m);
  }
}
