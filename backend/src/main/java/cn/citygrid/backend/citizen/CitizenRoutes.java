package cn.citygrid.backend.citizen;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.JsonBody;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.RequestLog;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.placecode.PlaceCodeKeys;
import cn.citygrid.sync.server.attach.AttachmentStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * Citizen self-service (智慧APP), each route for the CITIZEN role and about the caller only: my household
 * and "this is wrong", check-in by place code, 随手拍 reports. "Who used my data" is
 * {@code GET /api/v1/me/data-access} (access package).
 */
public final class CitizenRoutes {
  /** A phone photo resized by the app is a few hundred KiB; base64 in JSON adds a third. */
  static final int MAX_PHOTO_BYTES = 6 << 20;
  static final long REPORT_BODY_LIMIT = 9L << 20;
  static final List<String> PHOTO_TYPES = List.of("image/jpeg", "image/png");

  private final Households households;
  private final CheckIns checkIns;
  private final Reports reports;
  private final WorkerExecutor crypto;

  public CitizenRoutes(Pool pool, AccessLog accessLog, PlaceCodeKeys placeCodeKeys, WorkerExecutor crypto,
      AttachmentStore attachments, Clock clock) {
    this.households = new Households(pool, accessLog, clock);
    this.checkIns = new CheckIns(pool, placeCodeKeys, crypto, clock);
    this.reports = new Reports(pool, attachments, crypto, clock);
    this.crypto = crypto;
  }

  public List<ApiRoute> routes() {
    Access citizens = Access.roles(Role.CITIZEN);
    return List.of(
        ApiRoute.get("/api/v1/me/household", citizens, Reply.json(this::household)),
        ApiRoute.post("/api/v1/me/household/feedback", citizens, Reply.created(this::feedback)),
        ApiRoute.post("/api/v1/me/check-ins", citizens, Reply.created(this::checkIn)),
        // Its own body limit: one photo travels inside the JSON.
        new ApiRoute(HttpMethod.POST, "/api/v1/me/reports", citizens, Reply.created(this::report), REPORT_BODY_LIMIT));
  }

  private Future<JsonObject> household(RoutingContext ctx) {
    return households.mine(principal(ctx), RequestLog.requestId(ctx));
  }

  private Future<JsonObject> feedback(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String message = body.requiredString("message", 500);
    String field = body.optionalString("field", 40);
    body.validate();
    return households.feedback(principal(ctx), field, message);
  }

  private Future<JsonObject> checkIn(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx);
    String code = body.requiredString("code", 1000);
    double[] at = Locations.optional(body, body.json());
    body.validate();
    return checkIns.checkIn(principal(ctx), code, at == null ? null : at[0], at == null ? null : at[1]);
  }

  /** A report's body carries its photo (up to megabytes of base64): parsed on a worker. */
  private Future<JsonObject> report(RoutingContext ctx) {
    return JsonBody.of(ctx, crypto).compose(body -> report(ctx, body));
  }

  private Future<JsonObject> report(RoutingContext ctx, JsonBody body) {
    JsonObject json = body.json();
    String category = body.requiredString("category", 40);
    if (category != null && !Reports.CATEGORIES.contains(category)) {
      body.error("category", "enum", Text.of("类别应为 " + Reports.CATEGORIES + " 之一", "Must be one of " + Reports.CATEGORIES));
    }
    String description = body.requiredString("description", 1000);
    if (description != null && description.strip().length() < 5) {
      body.error("description", "too-short", Text.of("请至少写 5 个字", "At least 5 characters"));
    }
    double[] at = Locations.optional(body, json);
    if (at == null) {
      body.error("location", "required", Text.of("必填", "Required"));
    }
    JsonObject photo = json.getValue("photo") instanceof JsonObject p ? p : null;
    String base64 = photo(body, photo);
    body.validate();
    return reports.report(principal(ctx), new Reports.Report(category, description.strip(), at[0], at[1],
        photo.getString("mediaType"), base64));
  }

  /**
   * {@code {mediaType, data}}: a JPEG or PNG in base64 of at most {@value #MAX_PHOTO_BYTES} bytes. Only the shape
   * is checked here; the bytes are decoded off the event loop ({@link Reports}).
   */
  private static String photo(JsonBody body, JsonObject photo) {
    if (photo == null) {
      body.error("photo", "required", Text.of("请附一张照片", "A photo is required"));
      return null;
    }
    if (!PHOTO_TYPES.contains(photo.getValue("mediaType"))) {
      body.error("photo/mediaType", "enum", Text.of("照片应为 " + PHOTO_TYPES + " 之一", "Must be one of " + PHOTO_TYPES));
    }
    if (!(photo.getValue("data") instanceof String data) || data.isEmpty()) {
      body.error("photo/data", "base64", Text.of("照片内容应为 base64", "Must be the photo in base64"));
      return null;
    }
    if (data.length() > (MAX_PHOTO_BYTES + 2) / 3 * 4) {
      body.error("photo/data", "too-large", Text.of("照片不能超过 6 MiB", "At most 6 MiB"));
    }
    return data;
  }
}
