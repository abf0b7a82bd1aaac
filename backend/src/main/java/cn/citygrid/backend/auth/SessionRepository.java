package cn.citygrid.backend.auth;

import cn.citygrid.backend.db.Database;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sign-in sessions through Hibernate Reactive. The only code touching auth.session. */
public final class SessionRepository {
  private final Database db;

  public SessionRepository(Database db) {
    this.db = db;
  }

  public Future<AuthSession> create(long accountId, IssuedTokens tokens, Instant now, String client) {
    AuthSession session = new AuthSession(UUID.randomUUID(), accountId, tokens, now, client);
    return db.inTransaction(s -> s.persist(session).thenApply(v -> session));
  }

  public Future<Optional<AuthSession>> byAccessHash(byte[] hash) {
    return db.inSession(s -> s.createNamedQuery("AuthSession.byAccessHash", AuthSession.class)
        .setParameter("hash", hash).getSingleResultOrNull()).map(Optional::ofNullable);
  }

  /**
   * Swaps the session's tokens when {@code refreshHash} is its current refresh token. When it is
   * the previous one (a replay of a token already used) the session is revoked instead. Empty when
   * neither, or when the session is no longer live.
   */
  public Future<Optional<AuthSession>> rotate(byte[] refreshHash, IssuedTokens next, Instant now) {
    return db.inTransaction(s -> s.createNamedQuery("AuthSession.byRefreshHash", AuthSession.class)
        .setParameter("hash", refreshHash).getSingleResultOrNull()
        .thenApply(session -> {
          if (session == null || !session.live(now)) {
            return Optional.empty();
          }
          if (!java.util.Arrays.equals(session.refreshHash, refreshHash)) {
            revoke(session, now, "refresh token replayed");
            return Optional.empty();
          }
          session.previousRefreshHash = session.refreshHash;
          session.refreshedAt = now;
          session.apply(next);
          return Optional.of(session);
        }));
  }

  public Future<Void> revoke(UUID sessionId, String reason, Instant now) {
    return db.inTransaction(s -> s.find(AuthSession.class, sessionId).thenAccept(session -> {
      if (session != null && session.revokedAt == null) {
        revoke(session, now, reason);
      }
    }));
  }

  /** Revokes every live session of the account; returns their ids so caches can drop them. */
  public Future<List<UUID>> revokeAll(long accountId, String reason, Instant now) {
    return db.inTransaction(s -> s.createNamedQuery("AuthSession.liveOfAccount", AuthSession.class)
        .setParameter("account", accountId).getResultList()
        .thenApply(sessions -> {
          sessions.forEach(session -> revoke(session, now, reason));
          return sessions.stream().map(session -> session.id).toList();
        }));
  }

  private static void revoke(AuthSession session, Instant now, String reason) {
    session.revokedAt = now;
    session.revokedReason = reason;
  }
}
