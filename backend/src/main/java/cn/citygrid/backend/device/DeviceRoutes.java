package cn.citygrid.backend.device;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.crypto.CryptoException;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** Enrollment, review and revocation of worker devices. */
public final class DeviceRoutes {
  private static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "revoked");
  private final DeviceService devices;

  public DeviceRoutes(DeviceService devices) {
    this.devices = devices;
  }

  public List<ApiRoute> routes() {
    Access reviewers = Access.roles(Role.ADMIN, Role.SUPERVISOR);
    Access anyInvolved = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER);
    return List.of(
        ApiRoute.post("/api/v1/devices", Access.roles(Role.GRID_WORKER), Reply.created(this::enroll)),
        ApiRoute.get("/api/v1/devices", anyInvolved, Reply.json(this::list)),
        ApiRoute.get("/api/v1/devices/{id}", anyInvolved, Reply.json(this::get)),
        ApiRoute.post("/api/v1/devices/{id}/approve", reviewers, Reply.json(this::approve)),
        ApiRoute.post("/api/v1/devices/{id}/reject", reviewers, Reply.json(this::reject)),
        ApiRoute.post("/api/v1/devices/{id}/revoke", anyInvolved, Reply.json(this::revoke)));
  }

  private Future<JsonObject> enroll(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String id = body.requiredString("deviceId", 64);
    String pem = body.requiredString("publicKey", 4096);
    String label = body.optionalString("label", 100);
    if (id != null && !id.matches("[A-Za-z0-9._-]{8,64}")) {
      body.error("deviceId", "pattern", Text.of("8–64 位字母、数字或 . _ -", "8–64 letters, digits or . _ -"));
    }
    Sm2PublicKey key = null;
    if (pem != null) {
      try {
        key = Sm2PublicKey.fromPem(pem);
      } catch (CryptoException | IllegalArgumentException e) {
        body.error("publicKey", "invalid", Text.of("不是 SM2 公钥（PEM SubjectPublicKeyInfo）",
            "Not an SM2 public key (PEM SubjectPublicKeyInfo)"));
      }
    }
    body.validate();
    return devices.enroll(principal(ctx), id, key, label).map(d -> toJson(d, null));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    Paging paging = Paging.of(ctx);
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw DomainException.validation(List.of(new DomainException.FieldError("status", "enum",
          Text.of("应为 " + STATUSES + " 之一", "Must be one of " + STATUSES))));
    }
    return devices.list(principal(ctx), status, paging.offset(), paging.size())
        .map(page -> paging.toJson(page.total(), new JsonArray(page.items().stream().map(DeviceRoutes::toJson).toList())));
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return devices.get(principal(ctx), ctx.pathParam("id")).map(d -> toJson(d, devices.caCertificate()));
  }

  private Future<JsonObject> approve(RoutingContext ctx) {
    return devices.approve(principal(ctx), ctx.pathParam("id")).map(d -> toJson(d, devices.caCertificate()));
  }

  private Future<JsonObject> reject(RoutingContext ctx) {
    return devices.reject(principal(ctx), ctx.pathParam("id"), reason(ctx)).map(d -> toJson(d, null));
  }

  private Future<JsonObject> revoke(RoutingContext ctx) {
    return devices.revoke(principal(ctx), ctx.pathParam("id"), reason(ctx)).map(d -> toJson(d, null));
  }

  private static String reason(RoutingContext ctx) {
    if (ctx.body().length() == 0) {
      return null;
    }
    JsonBody body = JsonBody.of(ctx);
    String reason = body.optionalString("reason", 500);
    body.validate();
    return reason;
  }

  static JsonObject toJson(Device d, Sm2Certificate ca) {
    JsonObject json = new JsonObject().put("id", d.id()).put("accountId", d.accountId()).put("keyId", d.keyId())
        .put("label", d.label()).put("status", d.status().name())
        .put("requestedAt", d.requestedAt().toString())
        .put("decidedAt", d.decidedAt() == null ? null : d.decidedAt().toString())
        .put("revokedAt", d.revokedAt() == null ? null : d.revokedAt().toString())
        .put("reason", d.reason());
    if (d.certificate() != null && ca != null) {
      json.put("certificate", Sm2Certificate.fromDer(d.certificate()).toPem()).put("caCertificate", ca.toPem());
    }
    return json;
  }

  static JsonObject toJson(DeviceRepository.Summary s) {
    return new JsonObject().put("id", s.id()).put("accountId", s.accountId()).put("username", s.username())
        .put("displayName", s.displayName()).put("keyId", s.keyId()).put("label", s.label()).put("status", s.status())
        .put("requestedAt", s.requestedAt().toString())
        .put("decidedAt", s.decidedAt() == null ? null : s.decidedAt().toString())
        .put("revokedAt", s.revokedAt() == null ? null : s.revokedAt().toString())
        .put("reason", s.reason());
  }
}
