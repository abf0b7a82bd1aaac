package cn.citygrid.backend.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A sign-in session (auth.session): one access token and one refresh token, both stored only as SM3 hashes. */
@Entity
@Table(schema = "auth", name = "session")
@NamedQuery(name = "AuthSession.byAccessHash", query = "from AuthSession where accessHash = :hash")
@NamedQuery(name = "AuthSession.byRefreshHash",
    query = "from AuthSession where refreshHash = :hash or previousRefreshHash = :hash")
@NamedQuery(name = "AuthSession.liveOfAccount", query = "from AuthSession where accountId = :account and revokedAt is null")
public class AuthSession {
  @Id
  UUID id;

  @Column(name = "account_id", nullable = false)
  long accountId;

  @Column(name = "access_hash", nullable = false)
  byte[] accessHash;

  @Column(name = "access_expires_at", nullable = false)
  Instant accessExpiresAt;

  @Column(name = "refresh_hash", nullable = false)
  byte[] refreshHash;

  @Column(name = "previous_refresh_hash")
  byte[] previousRefreshHash;

  @Column(name = "refresh_expires_at", nullable = false)
  Instant refreshExpiresAt;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "refreshed_at")
  Instant refreshedAt;

  @Column(name = "revoked_at")
  Instant revokedAt;

  @Column(name = "revoked_reason")
  String revokedReason;

  String client;

  protected AuthSession() {}

  AuthSession(UUID id, long accountId, IssuedTokens tokens, Instant now, String client) {
    this.id = id;
    this.accountId = accountId;
    this.createdAt = now;
    this.client = client;
    apply(tokens);
  }

  void apply(IssuedTokens tokens) {
    this.accessHash = tokens.accessHash();
    this.accessExpiresAt = tokens.accessExpiresAt();
    this.refreshHash = tokens.refreshHash();
    this.refreshExpiresAt = tokens.refreshExpiresAt();
  }

  boolean live(Instant now) {
    return revokedAt == null && refreshExpiresAt.isAfter(now);
  }
}
