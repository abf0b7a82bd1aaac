package cn.citygrid.backend.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An enrolled phone (ledger.device): its SM2 public key, who enrolled it, and where it is in its
 * life: pending → approved (certificate issued) or rejected; approved → revoked.
 */
@Entity
@Table(schema = "ledger", name = "device")
@NamedQuery(name = "Device.byKeyIds", query = "from Device where keyId in :keyIds")
public class Device {
  public enum Status { pending, approved, rejected, revoked }

  @Id
  String id;

  @Column(name = "account_id", nullable = false)
  long accountId;

  @Column(name = "public_key", nullable = false)
  byte[] publicKey;

  @Column(name = "key_id", nullable = false, unique = true)
  String keyId;

  String label;

  @Column(nullable = false)
  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  Status status;

  @Column(name = "requested_at", nullable = false)
  Instant requestedAt;

  @Column(name = "decided_at")
  Instant decidedAt;

  @Column(name = "decided_by")
  Long decidedBy;

  byte[] certificate;

  @Column(name = "revoked_at")
  Instant revokedAt;

  String reason;

  protected Device() {}

  Device(String id, long accountId, byte[] publicKey, String keyId, String label, Instant requestedAt) {
    this.id = id;
    this.accountId = accountId;
    this.publicKey = publicKey;
    this.keyId = keyId;
    this.label = label;
    this.status = Status.pending;
    this.requestedAt = requestedAt;
  }

  public String id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public Status status() {
    return status;
  }

  public String keyId() {
    return keyId;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] certificate() {
    return certificate == null ? null : certificate.clone();
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public String label() {
    return label;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Instant decidedAt() {
    return decidedAt;
  }

  public String reason() {
    return reason;
  }
}
