package cn.citygrid.backend.citizen;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.sync.server.attach.AttachmentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 随手拍: a citizen's report with one photo and a position becomes an event ({@code grid.event}, status
 * {@code reported}) in the unit grid it lies in. The photo is stored content-addressed under the citizen's
 * account before the event names it by SM3, so an event never points at a photo that is not there.
 */
final class Reports {
  static final List<String> CATEGORIES = List.of("environment", "municipal", "public_security", "fire_safety", "dispute", "other");

  record Report(String category, String description, double lon, double lat, String mediaType, byte[] photo) {}

  private final Pool pool;
  private final AttachmentStore attachments;
  private final Clock clock;

  Reports(Pool pool, AttachmentStore attachments, Clock clock) {
    this.pool = pool;
    this.attachments = attachments;
    this.clock = clock;
  }

  Future<JsonObject> report(Principal caller, Report r) {
    Instant at = clock.instant();
    return attachments.store(caller.accountId(), r.photo(), r.mediaType())
        .compose(sm3 -> pool.preparedQuery(CitizenSql.EVENT).execute(Tuple.from(List.of(r.category(), r.description(),
                r.lon(), r.lat(), new String[] {sm3}, caller.accountId(), at.atOffset(ZoneOffset.UTC))))
            .map(rows -> {
              Row e = rows.iterator().next();
              return new JsonObject().put("id", e.getLong("id").toString()).put("status", e.getString("status"))
                  .put("gridCode", e.getString("grid_code")).put("photo", sm3).put("reportedAt", at.toString());
            }));
  }
}
