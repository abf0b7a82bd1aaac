package cn.citygrid.backend.citizen;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.placecode.PlaceCodeKeys;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import cn.citygrid.sync.protocol.record.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Check-in at a place by its signed code (扫码签到). The app verifies the code offline first; the server
 * verifies it again (SM2, on the crypto workers) because a client can be anything: a forged or altered
 * code, or one signed by a key the platform does not hold, is refused and nothing is stored.
 */
final class CheckIns {
  private final Pool pool;
  private final PlaceCodeKeys codeKeys;
  private final WorkerExecutor crypto;
  private final Clock clock;

  CheckIns(Pool pool, PlaceCodeKeys codeKeys, WorkerExecutor crypto, Clock clock) {
    this.pool = pool;
    this.codeKeys = codeKeys;
    this.crypto = crypto;
    this.clock = clock;
  }

  /** {@code lon}/{@code lat} may both be null: the check-in is then placed at the place itself. */
  Future<JsonObject> checkIn(Principal caller, String code, Double lon, Double lat) {
    Instant at = clock.instant();
    return codeKeys.trust()
        .compose(trust -> crypto.executeBlocking(() -> trust.check(code), false))
        .map(CheckIns::placeId)
        .compose(place -> pool.preparedQuery(CitizenSql.PLACE).execute(Tuple.of(place)))
        .compose(places -> {
          if (places.size() == 0) {
            return Future.failedFuture(DomainException.notFound(Text.of("场所不存在", "No such place")));
          }
          Row place = places.iterator().next();
          return pool.preparedQuery(CitizenSql.CHECK_IN)
              .execute(Tuple.of(code, place.getLong("id"), caller.accountId(), lon, lat, at.atOffset(ZoneOffset.UTC)))
              .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong("id"))
                  .put("placeId", place.getLong("id").toString()).put("placeName", place.getString("name"))
                  .put("gridCode", place.getString("grid_code")).put("at", Timestamps.format(at)));
        });
  }

  /** The reason in words a citizen reads (the English answer keeps the precise detail). */
  private static String why(PlaceCodeCheck.Why why) {
    return switch (why) {
      case NOT_OURS -> "不是本平台签发的二维码";
      case MALFORMED -> "二维码内容损坏，无法读取";
      case UNKNOWN_KEY -> "签名密钥不受平台信任";
      case RETIRED_KEY -> "签名密钥已停用，此标签须重新打印";
      case FORGED -> "签名验证失败，二维码被篡改或伪造";
    };
  }

  /** The place a valid code names; anything else is a refusal saying why (fit to show: it names no secret). */
  private static long placeId(PlaceCodeCheck check) {
    if (check instanceof PlaceCodeCheck.Refused r) {
      throw new DomainException(ProblemType.PLACE_CODE_REFUSED, Text.of("场所码无效：" + why(r.why()), "Refused code: " + r.reason()));
    }
    PlaceCode code = ((PlaceCodeCheck.Valid) check).code();
    if (code.kind() != PlaceCode.Kind.PLACE) {
      throw new DomainException(ProblemType.PLACE_CODE_REFUSED,
          Text.of("这是房屋码，签到请扫描场所码", "This is a house code: check in with a place code"));
    }
    try {
      return Long.parseLong(code.id());
    } catch (NumberFormatException e) {
      throw new DomainException(ProblemType.PLACE_CODE_REFUSED, Text.of("场所码编号不合法", "The code names no place id"));
    }
  }
}
