/**
 * Standardisation of messy department data for the data-governance pipeline: identity numbers,
 * credit codes, names, phone numbers, dates, GB/T code dictionaries and Shenzhen-style addresses.
 *
 * <p>Everything here is a pure function over immutable data: no Vert.x, no database, no clock
 * except where a caller passes {@code today}. Static tables are built once at class load and never
 * mutated, so every function is safe to call from any number of threads. The import pipeline calls
 * these per field for millions of rows, so the common path compiles no regular expression and
 * throws no exception.
 *
 * <p>Every standardiser returns a {@link cn.citygrid.backend.governance.standardise.Standardised}
 * whose {@link cn.citygrid.backend.governance.standardise.Status} the pipeline counts per source:
 * {@code STANDARD} (already canonical, byte for byte), {@code STANDARDISED} (made canonical, with
 * the {@code changes} that were applied), {@code INVALID} (with a bilingual
 * {@link cn.citygrid.backend.governance.standardise.Problem}) or {@code MISSING} (blank or a
 * placeholder such as {@code "NULL"}, {@code "-"}, {@code "无"}).
 */
package cn.citygrid.backend.governance.standardise;
