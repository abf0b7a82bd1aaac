package cn.citygrid.backend.device;

import cn.citygrid.backend.auth.AccountScopes;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.ledger.PlatformKeys;
import cn.citygrid.sync.protocol.cert.DeviceCertificates;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Device enrollment: a worker's phone asks with its locally generated SM2 key; a supervisor whose
 * scope covers the worker approves (the platform CA issues an SM3withSM2 certificate) or rejects;
 * a lost phone is revoked — what it signed before stays valid, what arrives after is refused.
 */
public final class DeviceService {
  static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(730);
  private static final Text NOT_FOUND = Text.of("设备不存在", "No such device");

  private final DeviceRepository devices;
  private final DeviceDirectory directory;
  private final PlatformKeys keys;
  private final WorkerExecutor crypto;
  private final AccountScopes scopes;
  private final Clock clock;

  public DeviceService(DeviceRepository devices, DeviceDirectory directory, PlatformKeys keys, WorkerExecutor crypto,
      AccountScopes scopes, Clock clock) {
    this.devices = devices;
    this.directory = directory;
    this.keys = keys;
    this.crypto = crypto;
    this.scopes = scopes;
    this.clock = clock;
  }

  public Future<Device> enroll(Principal caller, String deviceId, Sm2PublicKey key, String label) {
    return devices.create(new Device(deviceId, caller.accountId(), key.spki(), key.keyId(), label, clock.instant()));
  }

  public Future<Device> get(Principal caller, String id) {
    return found(id).compose(d -> mayRead(caller, d).map(d));
  }

  public Future<Device> approve(Principal caller, String id) {
    return found(id)
        .compose(d -> mayDecide(caller, d).map(d))
        .compose(this::certificateFor)
        .compose(cert -> devices.update(id, d -> {
          requireStatus(d, Device.Status.pending);
          d.status = Device.Status.approved;
          d.certificate = cert.der();
          decided(d, caller, null);
        }))
        .onSuccess(directory::changed);
  }

  public Future<Device> reject(Principal caller, String id, String reason) {
    return found(id)
        .compose(d -> mayDecide(caller, d).map(d))
        .compose(ignored -> devices.update(id, d -> {
          requireStatus(d, Device.Status.pending);
          d.status = Device.Status.rejected;
          decided(d, caller, reason);
        }))
        .onSuccess(directory::changed);
  }

  /** The owner (a lost phone) or a supervisor over the owner may revoke. */
  public Future<Device> revoke(Principal caller, String id, String reason) {
    return found(id)
        .compose(d -> d.accountId() == caller.accountId() ? Future.succeededFuture() : mayDecide(caller, d))
        .compose(ignored -> devices.update(id, d -> {
          requireStatus(d, Device.Status.approved);
          d.status = Device.Status.revoked;
          d.revokedAt = clock.instant();
          d.reason = reason;
        }))
        .onSuccess(directory::changed);
  }

  public Future<DeviceRepository.Page> list(Principal caller, String status, int offset, int limit) {
    boolean reviewer = caller.has(Role.ADMIN) || caller.has(Role.SUPERVISOR);
    List<String> prefixes = caller.has(Role.ADMIN) ? List.of() : caller.scope();
    return devices.list(status, reviewer ? prefixes : List.of(), reviewer ? null : caller.accountId(), offset, limit);
  }

  public Sm2Certificate caCertificate() {
    return keys.caCertificate();
  }

  private Future<Sm2Certificate> certificateFor(Device d) {
    Instant now = clock.instant();
    return crypto.executeBlocking(() -> DeviceCertificates.issue(keys.ca().privateKey(), keys.caCertificate(),
        // Valid from enrolment (not approval): records captured while the device waited must verify.
        Sm2PublicKey.fromSpki(d.publicKey), d.id, "account-" + d.accountId, d.requestedAt.minus(Duration.ofMinutes(5)),
        min(now.plus(CERTIFICATE_VALIDITY), keys.caCertificate().notAfter())), false);
  }

  private Future<Device> found(String id) {
    return devices.byId(id).map(d -> d.orElseThrow(() -> DomainException.notFound(NOT_FOUND)));
  }

  private Future<Void> mayRead(Principal caller, Device d) {
    return scopes.requireOverseen(caller, d.accountId(), NOT_FOUND);
  }

  /** Deciding is for ADMIN and for a SUPERVISOR over the owner, never for the owner alone. */
  private Future<Void> mayDecide(Principal caller, Device d) {
    if (!caller.has(Role.ADMIN) && !caller.has(Role.SUPERVISOR)) {
      return Future.failedFuture(DomainException.notFound(NOT_FOUND));
    }
    return d.accountId() == caller.accountId() && !caller.has(Role.ADMIN)
        ? Future.failedFuture(DomainException.notFound(NOT_FOUND))
        : scopes.requireOverseen(caller, d.accountId(), NOT_FOUND);
  }

  private static void requireStatus(Device d, Device.Status wanted) {
    if (d.status != wanted) {
      throw new DomainException(ProblemType.CONFLICT, Text.of(
          "设备状态为 " + d.status + "，此操作要求 " + wanted, "The device is " + d.status + "; this needs " + wanted));
    }
  }

  private void decided(Device d, Principal caller, String reason) {
    d.decidedAt = clock.instant();
    d.decidedBy = caller.accountId();
    d.reason = reason;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
