package cn.citygrid.backend.citizen;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import cn.citygrid.sync.protocol.record.Timestamps;
import cn.citygrid.sync.server.attach.AttachmentStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * 随手拍: a citizen's report with one photo and a position becomes an event ({@code grid.event}, status
 * {@code reported}) in the unit grid it lies in. The photo is stored content-addressed under the citizen's
 * account before the event names it by SM3, so an event never points at a photo that is not there.
 */
final class Reports {
  static final List<String> CATEGORIES = List.of("environment", "municipal", "public_security", "fire_safety", "dispute", "other");

  /** {@code photoBase64}: checked for shape and size by the routes, decoded here. */
  record Report(String category, String description, double lon, double lat, String mediaType, String photoBase64) {}

  private final Pool pool;
  private final AttachmentStore attachments;
  private final WorkerExecutor workers;
  private final Clock clock;

  Reports(Pool pool, AttachmentStore attachments, WorkerExecutor workers, Clock clock) {
    this.pool = pool;
    this.attachments = attachments;
    this.workers = workers;
    this.clock = clock;
  }

  Future<JsonObject> report(Principal caller, Report r) {
    Instant at = clock.instant();
    // Megabytes of base64: decoded on a worker, not on the event loop.
    return workers.executeBlocking(() -> decode(r.photoBase64()), false)
        .compose(photo -> attachments.store(caller.accountId(), photo, r.mediaType()))
        .compose(sm3 -> pool.preparedQuery(CitizenSql.EVENT).execute(Tuple.from(List.of(r.category(), r.description(),
                r.lon(), r.lat(), new String[] {sm3}, caller.accountId(), at.atOffset(ZoneOffset.UTC))))
            .map(rows -> {
              Row e = rows.iterator().next();
              return new JsonObject().put("id", e.getLong("id").toString()).put("status", e.getString("status"))
                  .put("gridCode", e.getString("grid_code")).put("photo", sm3).put("reportedAt", Timestamps.format(at));
            }));
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw DomainException.validation(List.of(new DomainException.FieldError("photo/data", "base64",
          Text.of("照片内容不是合法的 base64", "The photo is not valid base64"))));
    }
  }
}
