package cn.citygrid.backend.auth;

import cn.citygrid.backend.db.Database;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/** Accounts through Hibernate Reactive. The only code touching auth.account*. */
public final class AccountRepository {
  private final Database db;

  public AccountRepository(Database db) {
    this.db = db;
  }

  public Future<Optional<Account>> byUsername(String username) {
    return db.inSession(s -> s.createNamedQuery("Account.byUsername", Account.class)
        .setParameter("username", username).getSingleResultOrNull()).map(Optional::ofNullable);
  }

  public Future<Optional<Account>> byId(long id) {
    return db.inSession(s -> s.createNamedQuery("Account.byId", Account.class)
        .setParameter("id", id).getSingleResultOrNull()).map(Optional::ofNullable);
  }

  public Future<List<Account>> page(int offset, int limit) {
    // Page the ids, then fetch those accounts with their collections: paging a collection
    // fetch join would page in memory.
    return db.inSession(s -> s.createNamedQuery("Account.pageIds", Long.class)
        .setFirstResult(offset).setMaxResults(limit).getResultList()
        .thenCompose(ids -> ids.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(List.<Account>of())
            : s.createNamedQuery("Account.byIds", Account.class).setParameter("ids", ids).getResultList()));
  }

  public Future<Long> count() {
    return db.inSession(s -> s.createNamedQuery("Account.count", Long.class).getSingleResult());
  }

  public Future<Account> create(NewAccount a, String passwordHash) {
    Account account = new Account(a.username(), a.displayName(), passwordHash, a.roles(), a.scope(),
        a.department(), a.demo());
    return db.inTransaction(s -> s.persist(account).thenApply(v -> account))
        .recover(AccountRepository::translate);
  }

  /** Counts a failed sign-in and applies the lock the policy gives for it. */
  public Future<Account> recordFailure(long id, Lockout lockout, Instant now) {
    return update(id, a -> {
      a.failedLogins++;
      a.lockedUntil = lockout.lockedUntil(a.failedLogins, now);
    });
  }

  public Future<Account> recordSuccess(long id) {
    return update(id, a -> {
      a.failedLogins = 0;
      a.lockedUntil = null;
    });
  }

  public Future<Account> setPassword(long id, String passwordHash) {
    return update(id, a -> a.passwordHash = passwordHash);
  }

  public Future<Account> setEnabled(long id, boolean enabled) {
    return update(id, a -> a.enabled = enabled);
  }

  public Future<Account> setProfile(long id, String displayName, Set<Role> roles, Set<String> scope, String department) {
    return update(id, a -> {
      a.displayName = displayName;
      a.roles.clear();
      a.roles.addAll(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
      a.scope.clear();
      a.scope.addAll(scope);
      a.department = department;
    });
  }

  String passwordHash(Account a) {
    return a.passwordHash;
  }

  private Future<Account> update(long id, java.util.function.Consumer<Account> change) {
    return db.inTransaction(s -> s.createNamedQuery("Account.byId", Account.class)
        .setParameter("id", id).getSingleResultOrNull()
        .thenApply(a -> {
          if (a == null) {
            throw DomainException.notFound(Text.of("账号不存在", "No such account"));
          }
          change.accept(a);
          a.updatedAt = Instant.now();
          return a;
        }));
  }

  /** SQLSTATEs are translated here, once: a taken username is a conflict, not a 500. */
  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof ConstraintViolationException c && "23505".equals(c.getSQLState())) {
      return Future.failedFuture(new DomainException(ProblemType.CONFLICT,
          Text.of("用户名已存在", "The username is taken")));
    }
    return Future.failedFuture(failure);
  }

  /** What creating an account needs, besides its password. */
  public record NewAccount(String username, String displayName, Set<Role> roles, Set<String> scope,
      String department, boolean demo) {}
}
