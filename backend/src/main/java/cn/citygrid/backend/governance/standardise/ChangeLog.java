package cn.citygrid.backend.governance.standardise;

import java.util.ArrayList;
import java.util.List;

/** Collects change names in order, once each; allocates nothing until the first change. */
final class ChangeLog {
  private List<String> changes;

  void add(String change) {
    if (changes == null) {
      changes = new ArrayList<>(4);
    }
    if (!changes.contains(change)) {
      changes.add(change);
    }
  }

  boolean isEmpty() {
    return changes == null;
  }

  /**
   * The changes to report for turning {@code raw} into {@code canonical}: none when they are equal
   * (steps that cancel out, like removing and re-inserting the area-code hyphen), and at least
   * "reformatted" when they differ.
   */
  List<String> between(String raw, String canonical) {
    if (raw.equals(canonical)) {
      return List.of();
    }
    if (changes == null) {
      add(Change.REFORMATTED);
    }
    return changes;
  }

  List<String> list() {
    return changes == null ? List.of() : changes;
  }
}
