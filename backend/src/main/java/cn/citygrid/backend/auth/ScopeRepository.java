package cn.citygrid.backend.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Which codes name a node of the region/grid tree (an account's scope may only name those). */
final class ScopeRepository {
  private static final String EXISTING = """
      SELECT code FROM grid.region WHERE code = ANY($1)
      UNION SELECT code FROM grid.unit_grid WHERE code = ANY($1)""";

  private final Pool pool;

  ScopeRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Set<String>> existing(Collection<String> codes) {
    return pool.preparedQuery(EXISTING).execute(Tuple.of(codes.toArray(String[]::new)))
        .map(rows -> {
          Set<String> found = new HashSet<>();
          for (Row row : rows) {
            found.add(row.getString(0));
          }
          return found;
        });
  }
}
