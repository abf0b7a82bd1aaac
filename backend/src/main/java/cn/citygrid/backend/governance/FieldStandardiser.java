package cn.citygrid.backend.governance;

/** Turns a raw cell into a {@link FieldValue} for one of our fields. Pure and thread-safe. */
@FunctionalInterface
public interface FieldStandardiser {
  FieldValue standardise(String field, String raw);
}
