package cn.citygrid.backend.device;

import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hibernate.exception.ConstraintViolationException;

/** Devices: state changes through Hibernate Reactive, the scoped review list through SQL. */
public final class DeviceRepository {
  /** Devices whose owner's every scope node lies under one of the caller's prefixes ($2 empty = all). */
  private static final String LIST = """
      SELECT d.id, d.account_id, a.username, a.display_name, d.key_id, d.label, d.status, d.requested_at,
             d.decided_at, d.revoked_at, d.reason, count(*) OVER () AS total
      FROM ledger.device d JOIN auth.account a ON a.id = d.account_id
      WHERE ($1::text IS NULL OR d.status = $1)
        AND (cardinality($2::text[]) = 0 OR NOT EXISTS (
              SELECT 1 FROM auth.account_scope s WHERE s.account_id = d.account_id
              AND NOT s.node_code LIKE ANY (SELECT p || '%' FROM unnest($2::text[]) p)))
        AND ($3::bigint IS NULL OR d.account_id = $3)
      ORDER BY d.requested_at DESC, d.id LIMIT $4 OFFSET $5""";

  private final Database db;

  public DeviceRepository(Database db) {
    this.db = db;
  }

  public Future<Device> create(Device device) {
    return db.inTransaction(s -> s.persist(device).thenApply(v -> device)).recover(DeviceRepository::translate);
  }

  public Future<Optional<Device>> byId(String id) {
    return db.inSession(s -> s.find(Device.class, id)).map(Optional::ofNullable);
  }

  /** One query for many keys: Hibernate Reactive sessions must not run queries side by side. */
  public Future<List<Device>> byKeyIds(java.util.Collection<String> keyIds) {
    return db.inSession(s -> s.createNamedQuery("Device.byKeyIds", Device.class).setParameter("keyIds", keyIds)
        .getResultList());
  }

  /** Applies {@code change} to the device in one transaction; the change may throw a DomainException. */
  public Future<Device> update(String id, Consumer<Device> change) {
    return db.inTransaction(s -> s.find(Device.class, id).thenApply(d -> {
      if (d == null) {
        throw DomainException.notFound(Text.of("设备不存在", "No such device"));
      }
      change.accept(d);
      return d;
    }));
  }

  /** One page of devices for review; {@code prefixes} empty means every device. */
  public Future<Page> list(String status, List<String> prefixes, Long accountId, int offset, int limit) {
    return db.pool().preparedQuery(LIST)
        .execute(Tuple.of(status, prefixes.toArray(String[]::new), accountId, limit, offset))
        .map(rows -> {
          List<Summary> items = new ArrayList<>();
          long total = 0;
          for (Row r : rows) {
            total = r.getLong("total");
            items.add(new Summary(r.getString("id"), r.getLong("account_id"), r.getString("username"),
                r.getString("display_name"), r.getString("key_id"), r.getString("label"), r.getString("status"),
                instant(r, "requested_at"), instant(r, "decided_at"), instant(r, "revoked_at"), r.getString("reason")));
          }
          return new Page(total, items);
        });
  }

  private static Instant instant(Row r, String column) {
    var t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof ConstraintViolationException c && "23505".equals(c.getSQLState())) {
      return Future.failedFuture(new DomainException(ProblemType.CONFLICT,
          Text.of("该设备或密钥已登记", "This device or key is already enrolled")));
    }
    return Future.failedFuture(failure);
  }

  public record Summary(String id, long accountId, String username, String displayName, String keyId, String label,
      String status, Instant requestedAt, Instant decidedAt, Instant revokedAt, String reason) {}

  public record Page(long total, List<Summary> items) {}
}
