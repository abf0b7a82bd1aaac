package cn.citygrid.backend.http;

import cn.citygrid.backend.auth.Role;
import java.util.EnumSet;
import java.util.Set;

/** Who may call a route. Every {@code /api/v1} route declares one. */
public sealed interface Access {

  /** No sign-in needed (login, refresh, health). */
  record Anyone() implements Access {}

  /** Signed in with at least one of these roles. */
  record Roles(Set<Role> roles) implements Access {
    public Roles {
      roles = Set.copyOf(roles);
      if (roles.isEmpty()) {
        throw new IllegalArgumentException("a route needs at least one role; use Access.anyone() for public routes");
      }
    }
  }

  static Access anyone() {
    return new Anyone();
  }

  static Access roles(Role first, Role... more) {
    return new Roles(EnumSet.of(first, more));
  }

  /** Any signed-in account. */
  static Access signedIn() {
    return new Roles(EnumSet.allOf(Role.class));
  }
}
