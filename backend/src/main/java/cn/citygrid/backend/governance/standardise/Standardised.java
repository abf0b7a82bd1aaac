package cn.citygrid.backend.governance.standardise;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of standardising one raw value.
 *
 * <p>Invariants, checked on construction: {@code value} is non-null exactly when the status is
 * {@code STANDARD} or {@code STANDARDISED}; {@code STANDARD} has no changes and
 * {@code STANDARDISED} at least one; {@code problem} is non-null exactly when {@code INVALID}.
 * An {@code INVALID} result may still list the changes made before the value was found invalid.
 */
public record Standardised<T>(T value, Status status, List<String> changes, Problem problem) {
  public Standardised {
    Objects.requireNonNull(status, "status");
    changes = List.copyOf(changes);
    boolean usable = status == Status.STANDARD || status == Status.STANDARDISED;
    if (usable != (value != null)) {
      throw new IllegalArgumentException("value must be present exactly for STANDARD/STANDARDISED, got " + status + " with " + value);
    }
    if ((status == Status.INVALID) != (problem != null)) {
      throw new IllegalArgumentException("problem must be present exactly for INVALID, got " + status + " with " + problem);
    }
    if (status == Status.STANDARD && !changes.isEmpty() || status == Status.STANDARDISED && changes.isEmpty()) {
      throw new IllegalArgumentException(status + " with changes " + changes);
    }
  }

  /** STANDARD when nothing was changed, STANDARDISED otherwise. */
  public static <T> Standardised<T> of(T value, List<String> changes) {
    return new Standardised<>(value, changes.isEmpty() ? Status.STANDARD : Status.STANDARDISED, changes, null);
  }

  public static <T> Standardised<T> invalid(Problem problem, List<String> changesSoFar) {
    return new Standardised<>(null, Status.INVALID, changesSoFar, problem);
  }

  public static <T> Standardised<T> missing() {
    return new Standardised<>(null, Status.MISSING, List.of(), null);
  }

  /** True for STANDARD and STANDARDISED: {@code value} can be used. */
  public boolean usable() {
    return value != null;
  }

  /** The same outcome with the value transformed (for usable results). */
  public <R> Standardised<R> map(Function<? super T, ? extends R> f) {
    return new Standardised<>(value == null ? null : f.apply(value), status, changes, problem);
  }
}
