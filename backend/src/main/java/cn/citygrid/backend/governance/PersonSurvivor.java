package cn.citygrid.backend.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Survivorship for golden persons, as one UPDATE: for each field the source carries, the batch's
 * last row for a person replaces the golden value when {@code gov.wins} says it beats the value's
 * provenance (trust, then a signed visit's confirmation, then recency), and the provenance records
 * source, batch, row, trust and time of the winner.
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
    String provenance = "p.provenance";
    for (Target t : TARGETS) {
      if (!source.columns().containsValue(t.field())) {
        continue;
      }
      // Judged once per field (in the FROM list), used for every column it sets and for the provenance.
      String won = "l.wins_" + t.field();
      verdicts.add("gov.wins(q.provenance, '" + t.field() + "', s." + t.columns().get(0) + "::text, "
          + source.trust(t.field()) + ", '" + at + "'::timestamptz, " + visit + ") AS wins_" + t.field());
      for (String column : t.columns()) {
        sets.add(column + " = CASE WHEN " + won + " THEN l." + column + " ELSE p." + column + " END");
      }
      provenance = "gov.prov(" + provenance + ", '" + t.field() + "', " + won + ", '" + source.name() + "', " + batch
          + ", l.row_no, " + source.trust(t.field()) + ", '" + at + "'::timestamptz, " + visit + ")";
    }
    if (source.columns().containsValue("id_number")) {
      // A record known so far without an ID number takes the one of the row that matched it.
      for (String column : List.of("id_number_enc", "id_number_bidx", "id_number_mask")) {
        sets.add(column + " = CASE WHEN p.id_number_bidx IS NULL THEN l." + column.replace("id_number_", "id_") + " ELSE p." + column + " END");
      }
    }
    sets.add("provenance = " + provenance);
    sets.add("confirmed_at = '" + at + "'::timestamptz");
    sets.add("fresh_until = greatest(p.fresh_until, date '" + freshUntil + "')");
    sets.add("updated_at = now()");
    verdicts.add(0, "s.*");
    return "UPDATE grid.person p SET " + String.join(", ", sets)
        + " FROM (SELECT " + String.join(", ", verdicts)
        + " FROM (SELECT DISTINCT ON (person_id) * FROM stage WHERE person_id IS NOT NULL AND rejected IS NULL"
        + " ORDER BY person_id, row_no DESC) s JOIN grid.person q ON q.id = s.person_id) l WHERE p.id = l.person_id";
  }
}
