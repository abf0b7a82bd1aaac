package cn.citygrid.backend.governance.standardise;

/** How a raw value relates to its canonical form; the pipeline counts these per source. */
public enum Status {
  /** Already canonical: the raw text equals the canonical text exactly. */
  STANDARD,
  /** Made canonical by us; {@code changes} names every transformation. */
  STANDARDISED,
  /** Could not be made valid; {@code problem} says why. Nothing was guessed. */
  INVALID,
  /** Blank, or a placeholder that means "no value" ({@code NULL}, {@code -}, {@code 无}...). */
  MISSING
}
