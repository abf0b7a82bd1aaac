package cn.citygrid.backend.auth;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a caller may act on another account's things (its devices, its records): ADMIN always;
 * a SUPERVISOR when every scope node of that account lies inside the supervisor's scope; the
 * account itself. Anyone else is told "not found", so existence does not leak.
 */
public final class AccountScopes {
  private final Pool pool;

  public AccountScopes(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> requireOverseen(Principal caller, long accountId, Text notFound) {
    if (caller.accountId() == accountId || caller.has(Role.ADMIN)) {
      return Future.succeededFuture();
    }
    if (!caller.has(Role.SUPERVISOR)) {
      return Future.failedFuture(DomainException.notFound(notFound));
    }
    return pool.preparedQuery("SELECT node_code FROM auth.account_scope WHERE account_id = $1")
        .execute(Tuple.of(accountId))
        .compose(rows -> {
          List<String> nodes = new ArrayList<>();
          rows.forEach(r -> nodes.add(r.getString(0)));
          boolean covered = !nodes.isEmpty() && nodes.stream().allMatch(caller::covers);
          return covered ? Future.succeededFuture() : Future.failedFuture(DomainException.notFound(notFound));
        });
  }
}
