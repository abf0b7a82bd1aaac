package cn.citygrid.backend.auth;

import cn.citygrid.backend.auth.AccountRepository.NewAccount;
import cn.citygrid.backend.config.GridConfig.AuthConfig;
import cn.citygrid.backend.http.Authenticator;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sign-in, tokens, revocation and the resolution of a bearer token to its caller. */
public final class AuthService implements Authenticator {
  static final String REVOKED_ADDRESS = "citygrid.auth.revoked";

  private final Vertx vertx;
  private final WorkerExecutor crypto;
  private final AuthConfig config;
  private final boolean demoMode;
  private final AccountRepository accounts;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final Lockout lockout;
  private final Clock clock;
  private final SessionCache cache = new SessionCache();
  /** Verified against when the username is unknown, so timing does not reveal which names exist. */
  private final String decoyHash;

  public AuthService(Vertx vertx, WorkerExecutor crypto, AuthConfig config, boolean demoMode,
      AccountRepository accounts, SessionRepository sessions, Clock clock) {
    this.vertx = vertx;
    this.crypto = crypto;
    this.config = config;
    this.demoMode = demoMode;
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = new PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations());
    this.lockout = new Lockout(config.lockoutThreshold(), config.lockoutBase(), config.lockoutMax());
    this.clock = clock;
    this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    vertx.eventBus().<JsonArray>consumer(REVOKED_ADDRESS,
        msg -> cache.evictSessions(msg.body().stream().map(String::valueOf).toList()));
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  public Future<LoginResult> login(String username, String password, String client) {
    return accounts.byUsername(username)
        .compose(found -> found.filter(this::admissible)
            .map(account -> checkPassword(account, password))
            .orElseGet(() -> rejectUnknown(password)))
        .compose(account -> startSession(account, client));
  }

  /** Demo accounts do not exist outside demo mode. */
  private boolean admissible(Account account) {
    return demoMode || !account.demo();
  }

  private Future<Account> checkPassword(Account account, String password) {
    Instant now = clock.instant();
    if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
      return Future.failedFuture(locked(account.lockedUntil(), now));
    }
    String phc = accounts.passwordHash(account);
    return crypto.executeBlocking(() -> hasher.verify(password, phc), false)
        .compose(ok -> ok ? passwordAccepted(account) : passwordRefused(account, now));
  }

  private Future<Account> passwordAccepted(Account account) {
    if (!account.enabled()) {
      return Future.failedFuture(new DomainException(ProblemType.UNAUTHENTICATED,
          Text.of("账号已停用，请联系管理员", "The account is disabled; contact an administrator")));
    }
    return accounts.recordSuccess(account.id());
  }

  private Future<Account> passwordRefused(Account account, Instant now) {
    return accounts.recordFailure(account.id(), lockout, now)
        .compose(updated -> Future.failedFuture(updated.lockedUntil() != null
            ? locked(updated.lockedUntil(), now) : invalidCredentials()));
  }

  private Future<Account> rejectUnknown(String password) {
    return crypto.executeBlocking(() -> hasher.verify(password, decoyHash), false)
        .compose(ignored -> Future.failedFuture(invalidCredentials()));
  }

  private Future<LoginResult> startSession(Account account, String client) {
    Instant now = clock.instant();
    IssuedTokens tokens = IssuedTokens.issue(now, config.accessTtl(), config.refreshTtl());
    return sessions.create(account.id(), tokens, now, client)
        .map(session -> new LoginResult(tokens, account, config.accessTtl()));
  }

  public Future<LoginResult> refresh(String refreshToken) {
    Instant now = clock.instant();
    IssuedTokens next = IssuedTokens.issue(now, config.accessTtl(), config.refreshTtl());
    return sessions.rotate(IssuedTokens.hash(refreshToken), next, now)
        .compose(rotated -> rotated
            .map(session -> accounts.byId(session.accountId))
            .orElseGet(() -> Future.failedFuture(sessionEnded())))
        .compose(account -> account.filter(a -> a.enabled() && admissible(a))
            .map(a -> Future.succeededFuture(new LoginResult(next, a, config.accessTtl())))
            .orElseGet(() -> Future.failedFuture(sessionEnded())));
  }

  @Override
  public Future<Principal> authenticate(String accessToken) {
    Instant now = clock.instant();
    byte[] hash = IssuedTokens.hash(accessToken);
    Principal cached = cache.get(hash, now);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return sessions.byAccessHash(hash)
        .compose(found -> found.filter(s -> s.live(now) && s.accessExpiresAt.isAfter(now))
            .map(session -> principalOf(session, hash))
            .orElseGet(() -> Future.failedFuture(sessionEnded())));
  }

  private Future<Principal> principalOf(AuthSession session, byte[] hash) {
    return accounts.byId(session.accountId).compose(found -> found
        .filter(a -> a.enabled() && admissible(a))
        .map(a -> {
          Principal p = new Principal(a.id(), a.username(), a.displayName(), a.roles(),
              a.scope().stream().map(ScopeCodes::prefix).sorted().toList(), a.department(),
              session.id.toString());
          cache.put(hash, p, session.accessExpiresAt);
          return Future.succeededFuture(p);
        })
        .orElseGet(() -> Future.failedFuture(sessionEnded())));
  }

  public Future<Void> logout(Principal caller) {
    UUID id = UUID.fromString(caller.sessionId());
    return sessions.revoke(id, "logout", clock.instant())
        .onSuccess(v -> announceRevoked(List.of(id)));
  }

  public Future<Void> changePassword(Principal caller, String current, String next) {
    return accounts.byId(caller.accountId())
        .map(found -> found.orElseThrow(AuthService::sessionEnded))
        .compose(account -> crypto.executeBlocking(() -> hasher.verify(current, accounts.passwordHash(account)), false))
        .compose(ok -> ok ? crypto.executeBlocking(() -> hasher.hash(next), false)
            : Future.failedFuture(DomainException.validation(List.of(new DomainException.FieldError(
                "currentPassword", "mismatch", Text.of("当前密码不正确", "The current password is wrong"))))))
        // A changed password ends every session of the account, this one included.
        .compose(phc -> signedOutAround(caller.accountId(), "password changed", () -> accounts.setPassword(caller.accountId(), phc)))
        .mapEmpty();
  }

  public Future<Account> create(NewAccount account, String password) {
    return crypto.executeBlocking(() -> hasher.hash(password), false)
        .compose(phc -> accounts.create(account, phc));
  }

  /** A disabled account is signed out everywhere at once. */
  public Future<Account> setEnabled(long accountId, boolean enabled) {
    return enabled ? accounts.setEnabled(accountId, true)
        : signedOutAround(accountId, "account disabled", () -> accounts.setEnabled(accountId, false));
  }

  /**
   * A change to what an account may do ({@code change}), with every session of the account ended before
   * and after it: a failure of the change leaves the account signed out under its old rights (never
   * signed in under rights it was meant to lose), and a sign-in that slipped in meanwhile ends too.
   */
  public Future<Account> signedOutAround(long accountId, String reason, java.util.function.Supplier<Future<Account>> change) {
    return revokeAll(accountId, reason)
        .compose(v -> change.get())
        .compose(account -> revokeAll(accountId, reason).map(account));
  }

  public Future<Void> revokeAll(long accountId, String reason) {
    return sessions.revokeAll(accountId, reason, clock.instant())
        .onSuccess(this::announceRevoked)
        .mapEmpty();
  }

  /** Evicts here before the caller is answered, then tells the other nodes. */
  private void announceRevoked(List<UUID> ids) {
    if (!ids.isEmpty()) {
      cache.evictSessions(ids.stream().map(UUID::toString).toList());
      vertx.eventBus().publish(REVOKED_ADDRESS, new JsonArray(ids.stream().map(UUID::toString).toList()));
    }
  }

  private static DomainException invalidCredentials() {
    return new DomainException(ProblemType.INVALID_CREDENTIALS,
        Text.of("用户名或密码错误", "Wrong username or password"));
  }

  private static DomainException sessionEnded() {
    return new DomainException(ProblemType.UNAUTHENTICATED,
        Text.of("登录已失效，请重新登录", "The session has ended; sign in again"));
  }

  private static DomainException locked(Instant until, Instant now) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    return new DomainException(ProblemType.ACCOUNT_LOCKED,
        Text.of("登录失败次数过多，请 " + seconds + " 秒后再试", "Too many failed sign-ins; try again in " + seconds + " s"),
        List.of(), new JsonObject().put("retryAfterSeconds", seconds));
  }

  /** Tokens handed to a client after sign-in or refresh. */
  public record LoginResult(IssuedTokens tokens, Account account, Duration accessTtl) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("accessToken", tokens.accessToken())
          .put("refreshToken", tokens.refreshToken())
          .put("tokenType", "Bearer")
          .put("expiresIn", accessTtl.toSeconds())
          .put("roles", new JsonArray(account.roles().stream().map(Enum::name).sorted().toList()));
    }
  }
}
