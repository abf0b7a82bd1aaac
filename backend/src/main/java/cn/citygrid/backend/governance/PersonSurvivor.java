package cn.citygrid.backend.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Survivorship for golden persons, as one UPDATE: for each field the source carries, the batch's
 * last row for a person replaces the golden value when it beats the value's provenance by the rule
 * of {@code gov.wins} (trust, then a signed visit's confirmation, then recency), and the provenance
 * records source, batch, row, trust and time of the winner (as {@code gov.prov} would).
 */
final class PersonSurvivor {
  /** Our field → the golden column(s) it sets, the first being compared. */
  record Target(String field, List<String> columns) {}

  static final List<Target> TARGETS = List.of(
      new Target("name", List.of("name")),
      new Target("gender", List.of("gender")),
      new Target("birth_date", List.of("birth_date")),
      new Target("ethnicity", List.of("ethnicity")),
      new Target("registered_region", List.of("registered_region")),
      new Target("phone", List.of("phone_bidx", "phone_enc", "phone_mask")));

  private PersonSurvivor() {}

  static String update(Source source, long batch, Instant at, boolean visit, String freshUntil) {
    List<String> sets = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (Target t : TARGETS) {
      if (!source.columns().containsValue(t.field())) {
        continue;
      }
      // Judged once per field (in the FROM list), used for every column it sets and for the provenance.
      String won = "l.wins_" + t.field();
      verdicts.add(wins("q.provenance", t.field(), "s." + t.columns().get(0), source.trust(t.field()), at, visit)
          + " AS wins_" + t.field());
      for (String column : t.columns()) {
        sets.add(column + " = CASE WHEN " + won + " THEN l." + column + " ELSE p." + column + " END");
      }
      entries.add("'" + t.field() + "', " + entry(won, source.name(), batch, "l.row_no", source.trust(t.field()), at, visit));
    }
    if (source.columns().containsValue("id_number")) {
      // A record known so far without an ID number takes the one of the row that matched it.
      for (String column : List.of("id_number_enc", "id_number_bidx", "id_number_mask")) {
        sets.add(column + " = CASE WHEN p.id_number_bidx IS NULL THEN l." + column.replace("id_number_", "id_") + " ELSE p." + column + " END");
      }
    }
    // The fields that won get their new provenance entry; the others keep theirs (NULLs are stripped).
    sets.add(entries.isEmpty() ? "provenance = p.provenance"
        : "provenance = p.provenance || jsonb_strip_nulls(jsonb_build_object(" + String.join(", ", entries) + "))");
    sets.add("confirmed_at = '" + at + "'::timestamptz");
    sets.add("fresh_until = greatest(p.fresh_until, date '" + freshUntil + "')");
    sets.add("updated_at = now()");
    verdicts.add(0, "s.*");
    return "UPDATE grid.person p SET " + String.join(", ", sets)
        + " FROM (SELECT " + String.join(", ", verdicts)
        + " FROM (SELECT DISTINCT ON (person_id) * FROM stage WHERE person_id IS NOT NULL AND rejected IS NULL"
        + " ORDER BY person_id, row_no DESC) s JOIN grid.person q ON q.id = s.person_id) l WHERE p.id = l.person_id";
  }

  /**
   * The provenance entry of a field when {@code won}, else NULL: what gov.prov (V5) sets. All but the
   * row number is the same for the whole batch, built once (a sub-select without references is
   * evaluated once per statement) and joined with each row's number.
   */
  static String entry(String won, String source, long batch, String rowNo, int trust, Instant at, boolean visit) {
    return "CASE WHEN " + won + " THEN (SELECT jsonb_build_object('s', '" + source + "', 'b', " + batch + ", 't', " + trust
        + ", 'at', '" + at + "'::timestamptz, 'v', " + visit + ")) || jsonb_build_object('r', " + rowNo + ") END";
  }

  /**
   * gov.wins (V5) written out: the candidate beats the field's provenance {@code prov}. PostgreSQL
   * cannot inline that function (it is declared IMMUTABLE but casts text to timestamptz, which is only
   * STABLE), and calling it and gov.prov as SQL functions a dozen times a row made survivorship the
   * bulk of a 200,000-row import. PersonSurvivorIT checks the two agree.
   */
  static String wins(String prov, String field, String candidate, int trust, Instant at, boolean visit) {
    String p = "(" + prov + " -> '" + field + "')";
    String confirmed = "coalesce((" + p + " ->> 'v')::boolean, false)";
    String time = "'" + at + "'::timestamptz";
    return "(" + candidate + "::text IS NOT NULL AND (" + p + " IS NULL OR " + trust + " > (" + p + " ->> 't')::int"
        + " OR (" + trust + " = (" + p + " ->> 't')::int AND ((" + visit + " AND NOT " + confirmed + ")"
        + " OR (" + visit + " = " + confirmed + " AND " + time + " >= (" + p + " ->> 'at')::timestamptz)))))";
  }
}
