package cn.citygrid.backend.auth;

import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Text;

/** At least 8 characters with letters and digits: the floor for government systems (等保 2.0). */
final class PasswordPolicy {
  private PasswordPolicy() {}

  static void check(JsonBody body, String field, String password) {
    if (password == null) {
      return;
    }
    boolean letters = password.chars().anyMatch(Character::isLetter);
    boolean digits = password.chars().anyMatch(Character::isDigit);
    if (password.length() < 8 || !letters || !digits) {
      body.error(field, "weak-password",
          Text.of("密码至少 8 位，且同时包含字母和数字", "At least 8 characters with both letters and digits"));
    }
  }
}
