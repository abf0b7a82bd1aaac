package cn.citygrid.backend.graph;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One hop of the person–enterprise graph at a time: the edges touching a frontier. */
final class GraphRepository {
  /** Edges from persons: their enterprise roles and their household co-members. */
  private static final String FROM_PERSONS = """
      SELECT 'P' || pe.person_id, 'E' || pe.enterprise_id, pe.relation, pe.share_pct, pe.source
      FROM grid.person_enterprise pe WHERE pe.person_id = ANY($1)
      UNION ALL
      SELECT 'P' || a.person_id, 'P' || b.person_id, 'household', NULL, 'household'
      FROM grid.household_member a JOIN grid.household_member b ON b.household_id = a.household_id AND b.person_id <> a.person_id
      WHERE a.person_id = ANY($1)""";

  private static final String FROM_ENTERPRISES = """
      SELECT 'P' || pe.person_id, 'E' || pe.enterprise_id, pe.relation, pe.share_pct, pe.source
      FROM grid.person_enterprise pe WHERE pe.enterprise_id = ANY($1)""";

  private static final String PERSONS = """
      SELECT p.id, p.name, p.id_number_mask,
        (SELECT h.grid_code FROM grid.residence r JOIN grid.house h ON h.id = r.house_id
         WHERE r.person_id = p.id AND r.until IS NULL LIMIT 1) AS grid_code
      FROM grid.person p WHERE p.id = ANY($1)""";

  private static final String ENTERPRISES = "SELECT id, name, credit_code, grid_code FROM grid.enterprise WHERE id = ANY($1)";

  private final Pool pool;

  GraphRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<GraphModel.Edge>> edges(Collection<Long> persons, Collection<Long> enterprises) {
    Future<List<GraphModel.Edge>> fromPersons = persons.isEmpty() ? Future.succeededFuture(List.of())
        : pool.preparedQuery(FROM_PERSONS).execute(Tuple.of(persons.toArray(Long[]::new))).map(GraphRepository::edges);
    Future<List<GraphModel.Edge>> fromEnterprises = enterprises.isEmpty() ? Future.succeededFuture(List.of())
        : pool.preparedQuery(FROM_ENTERPRISES).execute(Tuple.of(enterprises.toArray(Long[]::new))).map(GraphRepository::edges);
    return Future.all(fromPersons, fromEnterprises).map(all -> {
      List<GraphModel.Edge> out = new ArrayList<>(fromPersons.result());
      out.addAll(fromEnterprises.result());
      return out;
    });
  }

  private static List<GraphModel.Edge> edges(io.vertx.sqlclient.RowSet<Row> rows) {
    List<GraphModel.Edge> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new GraphModel.Edge(r.getString(0), r.getString(1), r.getString(2),
          r.getBigDecimal(3) == null ? null : r.getBigDecimal(3).doubleValue(), r.getString(4)));
    }
    return out;
  }

  Future<List<Row>> persons(Collection<Long> ids) {
    return rows(PERSONS, ids);
  }

  Future<List<Row>> enterprises(Collection<Long> ids) {
    return rows(ENTERPRISES, ids);
  }

  /** The enterprise's id and grid code, or null when no enterprise has that credit code. */
  Future<Row> enterprise(String creditCode) {
    return pool.preparedQuery("SELECT id, grid_code FROM grid.enterprise WHERE credit_code = $1").execute(Tuple.of(creditCode))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  private Future<List<Row>> rows(String sql, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(sql).execute(Tuple.of(ids.toArray(Long[]::new))).map(rs -> {
      List<Row> out = new ArrayList<>();
      rs.forEach(out::add);
      return out;
    });
  }
}
