package cn.citygrid.backend.ledger;

import cn.citygrid.backend.ledger.LedgerRepository.Position;
import cn.citygrid.sync.protocol.merkle.NodeStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a synchronous tree computation (proofs, roots, appender resume) over nodes in PostgreSQL
 * with one query: which nodes an RFC 9162 computation reads depends only on sizes and indexes,
 * never on hash values, so a dry run over zero hashes names them, one query fetches them, and the
 * real run reads from memory.
 */
final class NodeFetch {
  private static final byte[] ZERO = new byte[32];

  private NodeFetch() {}

  static <T> Future<T> run(LedgerRepository ledger, SqlClient client, Function<NodeStore, T> computation) {
    Set<Position> wanted = new LinkedHashSet<>();
    computation.apply((level, index) -> {
      wanted.add(new Position(level, index));
      return ZERO;
    });
    if (wanted.isEmpty()) {
      return Future.succeededFuture(computation.apply((level, index) -> {
        throw new IllegalStateException("no node expected, asked for " + level + "/" + index);
      }));
    }
    return ledger.nodes(client, wanted).map(found -> computation.apply(store(found)));
  }

  private static NodeStore store(Map<Position, byte[]> found) {
    return (level, index) -> {
      byte[] hash = found.get(new Position(level, index));
      if (hash == null) {
        throw new IllegalStateException("ledger.node " + level + "/" + index + " is missing");
      }
      return hash;
    };
  }
}
