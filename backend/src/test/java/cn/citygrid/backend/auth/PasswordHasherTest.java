package cn.citygrid.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void hash_withProductionParameters_isPhcArgon2id_andVerifiesOnlyTheRightPassword() {
    PasswordHasher hasher = new PasswordHasher(19456, 2);
    String phc = hasher.hash("Demo@2026");
    assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("Demo@2026", phc)).isTrue();
    assertThat(hasher.verify("demo@2026", phc)).isFalse();
  }

  @Test
  void sameSaltFree_passwords_hashDifferently() {
    PasswordHasher hasher = new PasswordHasher(1024, 1);
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void verify_readsTheParametersFromTheHash_notFromTheHasher() {
    String phc = new PasswordHasher(2048, 3).hash("pw");
    assertThat(new PasswordHasher(1024, 1).verify("pw", phc)).isTrue();
  }

  @Test
  void malformedHash_neverMatches() {
    assertThat(new PasswordHasher(1024, 1).verify("pw", "$2a$10$notargon")).isFalse();
  }
}
