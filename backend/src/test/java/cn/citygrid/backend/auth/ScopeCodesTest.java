package cn.citygrid.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeCodesTest {
  @Test
  void gbt2260Codes_becomeTheirSignificantPrefix() {
    assertThat(ScopeCodes.prefix("440000")).isEqualTo("44");
    assertThat(ScopeCodes.prefix("440300")).isEqualTo("4403");
    assertThat(ScopeCodes.prefix("440304")).isEqualTo("440304");
  }

  @Test
  void streetCommunityAndGridCodes_areTheirOwnPrefix() {
    assertThat(ScopeCodes.prefix("440304001")).isEqualTo("440304001");
    assertThat(ScopeCodes.prefix("440304001001")).isEqualTo("440304001001");
    assertThat(ScopeCodes.prefix("440304001001002")).isEqualTo("440304001001002");
  }

  @Test
  void principal_coversExactlyItsSubtree() {
    Principal p = new Principal(1, "s", "s", java.util.Set.of(Role.SUPERVISOR), java.util.List.of("440304001"), null, "x");
    assertThat(p.covers("440304001007003")).isTrue();
    assertThat(p.covers("440304002001001")).isFalse();
  }
}
