package cn.citygrid.backend.sync;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.DomainException.FieldError;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Locales;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.sync.protocol.record.Timestamps;
import cn.citygrid.sync.server.attach.AttachmentException;
import cn.citygrid.sync.server.attach.AttachmentRequest;
import cn.citygrid.sync.server.attach.AttachmentStore;
import cn.citygrid.sync.server.attach.Part;
import cn.citygrid.sync.server.attach.Slot;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attachments beside records (sync-protocol.md §4): upload slots, completion (the server hashes
 * what arrived and keeps it only when it is what the phone named), and for reviewers a record's
 * attachment as a thumbnail or the original through a short-lived link.
 */
public final class AttachmentRoutes {
  static final int MAX_SLOTS = 50;
  static final Duration ORIGINAL_TTL = Duration.ofMinutes(5);

  private final AttachmentStore store;
  private final SyncDevices devices;
  private final Pool pool;
  private final Clock clock;

  AttachmentRoutes(AttachmentStore store, SyncDevices devices, Pool pool, Clock clock) {
    this.store = store;
    this.devices = devices;
    this.pool = pool;
    this.clock = clock;
  }

  public List<ApiRoute> routes() {
    Access worker = Access.roles(Role.GRID_WORKER);
    return List.of(
        ApiRoute.post("/api/v1/sync/attachments", worker, Reply.json(this::slots)),
        ApiRoute.post("/api/v1/sync/attachments/{sm3}/complete", worker, Reply.json(this::complete)),
        ApiRoute.get("/api/v1/records/{id}/attachments/{sm3}", Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.LEADER),
            this::fetch));
  }

  private Future<JsonObject> slots(RoutingContext ctx) {
    Instant received = clock.instant();
    Principal caller = principal(ctx);
    return devices.require(caller, ctx.request().getHeader(SyncDevices.HEADER)).compose(d -> {
      JsonBody.of(ctx);
      Object list = ctx.body().asJsonObject().getValue("attachments");
      if (!(list instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_SLOTS) {
        throw DomainException.validation(List.of(new FieldError("attachments", "size",
            Text.of("应为 1 到 " + MAX_SLOTS + " 个附件", "1 to " + MAX_SLOTS + " attachments"))));
      }
      List<AttachmentRequest> requests = new ArrayList<>();
      List<FieldError> errors = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        try {
          JsonObject a = array.getJsonObject(i);
          requests.add(new AttachmentRequest(a.getString("sm3"), a.getLong("size", -1L), a.getString("mediaType")));
        } catch (RuntimeException e) {
          errors.add(new FieldError("attachments/" + i, "invalid", Text.of("应为 {sm3, size, mediaType}：" + e.getMessage(),
              "Must be {sm3, size, mediaType}: " + e.getMessage())));
        }
      }
      if (!errors.isEmpty()) {
        throw DomainException.validation(errors);
      }
      Locale locale = Locales.of(ctx);
      return store.slots(caller.accountId(), requests).map(slots -> new JsonObject()
          .put("serverClock", new JsonObject().put("received", Timestamps.format(received))
              .put("sent", Timestamps.format(clock.instant())))
          .put("slots", new JsonArray(slots.stream().map(s -> slotJson(s, locale)).toList())));
    });
  }

  private static JsonObject slotJson(Slot slot, Locale locale) {
    JsonObject json = slot.toJson();
    if (slot instanceof Slot.Refused r) {
      ProblemType t = ProblemType.ATTACHMENT_REFUSED;
      json.put("problem", new JsonObject().put("type", t.uri()).put("title", t.title().in(locale)).put("status", t.status())
          .put("detail", Text.of(r.detailZh(), r.detailEn()).in(locale)).put("reason", r.reason().name().toLowerCase()));
    }
    return json;
  }

  private Future<JsonObject> complete(RoutingContext ctx) {
    Principal caller = principal(ctx);
    String sm3 = ctx.pathParam("sm3");
    if (!sm3.matches("[0-9a-f]{64}")) {
      throw DomainException.validation(List.of(new FieldError("sm3", "pattern",
          Text.of("应为 64 位小写十六进制 SM3 摘要", "Must be an SM3 digest: 64 lowercase hex digits"))));
    }
    return devices.require(caller, ctx.request().getHeader(SyncDevices.HEADER)).compose(d -> {
      JsonBody.of(ctx);
      JsonObject body = ctx.body().asJsonObject();
      String uploadId = body.getValue("uploadId") instanceof String s ? s : null;
      List<Part> parts = new ArrayList<>();
      if (body.getValue("parts") instanceof JsonArray array) {
        for (Object p : array) {
          if (!(p instanceof JsonObject o) || !(o.getValue("partNumber") instanceof Number n) || !(o.getValue("etag") instanceof String etag)) {
            throw DomainException.validation(List.of(new FieldError("parts", "type",
                Text.of("每一片应为 {partNumber, etag}", "Each part must be {partNumber, etag}"))));
          }
          parts.add(new Part(n.intValue(), etag));
        }
      }
      return store.complete(caller.accountId(), sm3, uploadId, parts)
          .recover(e -> Future.failedFuture(e instanceof AttachmentException a ? problem(a, sm3) : e))
          .map(v -> new JsonObject().put("sm3", sm3).put("status", "present"));
    });
  }

  static DomainException problem(AttachmentException a, String sm3) {
    return switch (a.kind()) {
      case HASH_MISMATCH -> new DomainException(ProblemType.ATTACHMENT_HASH_MISMATCH, Text.of(
          "上传的内容与 SM3 " + sm3 + " 不符，已删除", "What was uploaded does not hash to " + sm3 + "; it was deleted"),
          List.of(), new JsonObject().put("expected", a.expected()).put("actual", a.actual()));
      case UPLOAD_NOT_FOUND -> new DomainException(ProblemType.UPLOAD_NOT_FOUND, Text.of(
          "没有找到 " + sm3 + " 的上传内容，请重新申请上传", "Nothing was uploaded for " + sm3 + "; ask for a new slot"));
      case INVALID_PARTS -> DomainException.validation(List.of(new FieldError("parts", "incomplete",
          Text.of("分片不完整：" + a.getMessage(), "The parts do not complete the upload: " + a.getMessage()))));
      case REFUSED -> new DomainException(ProblemType.ATTACHMENT_REFUSED, Text.of("附件不被接受：" + a.getMessage(),
          "The attachment is refused: " + a.getMessage()));
      case NOT_FOUND -> DomainException.notFound(Text.of("附件不存在", "No such attachment"));
    };
  }

  /**
   * A record's attachment for reviewers: {@code ?size=256} or {@code 1024} a JPEG thumbnail, {@code original}
   * a redirect to a five-minute link, or with {@code &redirect=false} that link as JSON {@code {url, expiresAt}}
   * (a browser app fetching with its bearer token cannot follow a redirect to another origin; it opens the link).
   * Only attachments the record names, of records in the caller's scope.
   */
  private void fetch(RoutingContext ctx) {
    String recordId = ctx.pathParam("id");
    String sm3 = ctx.pathParam("sm3");
    String size = ctx.queryParams().get("size") == null ? "256" : ctx.queryParams().get("size");
    String redirect = ctx.queryParams().get("redirect") == null ? "true" : ctx.queryParams().get("redirect");
    List<FieldError> errors = new ArrayList<>();
    if (!size.equals("256") && !size.equals("1024") && !size.equals("original")) {
      errors.add(new FieldError("size", "enum", Text.of("应为 256、1024 或 original", "Must be 256, 1024 or original")));
    }
    if (!redirect.equals("true") && !redirect.equals("false")) {
      errors.add(new FieldError("redirect", "enum", Text.of("应为 true 或 false", "Must be true or false")));
    }
    if (!errors.isEmpty()) {
      ctx.fail(DomainException.validation(errors));
      return;
    }
    pool.preparedQuery("""
            SELECT r.account_id FROM ledger.record r
            WHERE r.id = $1 AND EXISTS (SELECT 1 FROM jsonb_array_elements(convert_from(r.canonical, 'UTF8')::jsonb -> 'attachments') a
                                        WHERE a ->> 'sm3' = $2)
              AND """ + RecordRoutes.inScope(3))
        .execute(Tuple.of(recordId, sm3, Proposals.scopeOf(principal(ctx))))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound(Text.of("记录或附件不存在，或不在管辖范围内", "No such record or attachment in your scope"));
          }
          long account = rows.iterator().next().getLong(0);
          if (size.equals("original")) {
            return store.presignedLink(account, sm3, ORIGINAL_TTL).map(link -> {
              if (redirect.equals("false")) {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(new JsonObject().put("url", link.url()).put("expiresAt", link.expiresAt().toString()));
              } else {
                ctx.response().setStatusCode(303).putHeader("Location", link.url()).putHeader("Cache-Control", "no-store").end();
              }
              return null;
            });
          }
          return store.thumbnail(account, sm3, Integer.parseInt(size)).map(jpeg -> {
            ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, max-age=86400, immutable")
                .end(io.vertx.core.buffer.Buffer.buffer(jpeg));
            return null;
          });
        })
        .recover(e -> Future.failedFuture(e instanceof AttachmentException a ? problem(a, sm3) : e))
        .onFailure(ctx::fail);
  }
}
