package cn.citygrid.backend.governance;

import cn.citygrid.backend.standard.CityDay;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The governance targets (each ≥ 90 % in the proposal) from incrementally kept counters, never a
 * scan of the data: standardisation (规范率) = standard or standardised values / non-blank values;
 * validity = rows without issues / rows; completeness = required fields present / required;
 * freshness (鲜活率) = persons confirmed within the source's cadence / persons it ever confirmed
 * (overall: persons fresh by any source / all golden persons); sharing (共享率) = rows linked into
 * golden records / rows (overall: golden persons confirmed by at least one department / all).
 */
public final class QualityMetrics {
  static final double TARGET = 0.9;

  private final Pool pool;

  public QualityMetrics(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> current() {
    LocalDate today = CityDay.today();
    Future<Map<String, Map<String, Long>>> counters = pool.query("SELECT source, name, value FROM gov.metric").execute()
        .map(rows -> {
          Map<String, Map<String, Long>> out = new LinkedHashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getLong(2)));
          return out;
        });
    Future<io.vertx.sqlclient.RowSet<Row>> fresh = pool.preparedQuery("""
        SELECT s.name, s.department, s.title,
          coalesce((SELECT sum(persons) FROM gov.confirmation_day d WHERE d.source = s.name AND d.day > $1::date - s.cadence), 0),
          coalesce((SELECT sum(persons) FROM gov.confirmation_day d WHERE d.source = s.name), 0)
        FROM gov.source s ORDER BY s.name""").execute(Tuple.of(today));
    Future<io.vertx.sqlclient.RowSet<Row>> overall = pool.preparedQuery("""
        SELECT coalesce((SELECT sum(persons) FROM gov.fresh_day WHERE day >= $1), 0),
               coalesce((SELECT sum(persons) FROM gov.fresh_day), 0)""").execute(Tuple.of(today));
    return Future.all(counters, fresh, overall).map(v -> assemble(counters.result(), fresh.result(), overall.result().iterator().next()));
  }

  private static JsonObject assemble(Map<String, Map<String, Long>> counters, Iterable<Row> fresh, Row overall) {
    JsonArray sources = new JsonArray();
    for (Row r : fresh) {
      Map<String, Long> c = counters.getOrDefault(r.getString(0), Map.of());
      sources.add(rates(c, r.getLong(3), r.getLong(4)).put("source", r.getString(0)).put("department", r.getString(1))
          .put("title", r.getString(2)));
    }
    Map<String, Long> all = counters.getOrDefault("*", Map.of());
    long persons = all.getOrDefault("persons_total", 0L);
    JsonObject total = rates(all, overall.getLong(0), persons);
    total.put("sharing", rate(overall.getLong(1), persons));
    return new JsonObject().put("target", TARGET).put("overall", total).put("sources", sources);
  }

  private static JsonObject rates(Map<String, Long> c, long freshPersons, long confirmedPersons) {
    long values = c.getOrDefault("values_total", 0L);
    return new JsonObject()
        .put("standardisation", rate(c.getOrDefault("values_standard", 0L) + c.getOrDefault("values_standardised", 0L), values))
        .put("validity", rate(c.getOrDefault("rows_valid", 0L), c.getOrDefault("rows_total", 0L)))
        .put("completeness", rate(c.getOrDefault("required_present", 0L), c.getOrDefault("required_total", 0L)))
        .put("freshness", rate(freshPersons, confirmedPersons))
        .put("sharing", rate(c.getOrDefault("rows_linked", 0L), c.getOrDefault("rows_total", 0L)))
        .put("rows", c.getOrDefault("rows_total", 0L));
  }

  /** A rate with its parts; null rate when nothing was counted yet (unknown is not 0 % or 100 %). */
  private static JsonObject rate(long part, long whole) {
    return new JsonObject().put("rate", whole == 0 ? null : (double) part / whole).put("part", part).put("whole", whole);
  }
}
