package cn.citygrid.backend.governance.standardise;

import java.util.Objects;

/**
 * Why a value is invalid: a stable machine {@code code} ("id.check_char") for counting and
 * filtering, and the same message for people in Chinese and English.
 */
public record Problem(String code, String zh, String en) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(zh, "zh");
    Objects.requireNonNull(en, "en");
  }

  @Override
  public String toString() {
    return code + ": " + zh + " / " + en;
  }
}
