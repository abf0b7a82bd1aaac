package cn.citygrid.backend.placecode;

import static cn.citygrid.backend.http.ApiRouter.principal;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.Access;
import cn.citygrid.backend.http.ApiRoute;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Paging;
import cn.citygrid.backend.http.Reply;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.standard.CityDay;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * Signed house and place codes (QR): the payload names the house or place, the issue date and
 * the key; the SM2 signature lets the app refuse a forged or altered code offline. Printed one by
 * one (PNG) or as A4 sheets per grid (SVG, 24 labels a page).
 */
public final class PlaceCodeRoutes {

  private final PlaceCodeRepository places;
  private final PlaceCodeKeys keys;
  private final WorkerExecutor crypto;
  private final Clock clock;

  public PlaceCodeRoutes(Pool pool, PlaceCodeKeys keys, WorkerExecutor crypto, Clock clock) {
    this.places = new PlaceCodeRepository(pool);
    this.keys = keys;
    this.crypto = crypto;
    this.clock = clock;
  }

  public List<ApiRoute> routes() {
    Access printers = Access.roles(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER);
    return List.of(
        ApiRoute.get("/api/v1/placecodes/public-keys", Access.anyone(), Reply.json(this::publicKeys)),
        ApiRoute.get("/api/v1/placecodes/{kind}/{id}", printers, Reply.json(this::code)),
        ApiRoute.get("/api/v1/placecodes/{kind}/{id}/qr.png", printers, this::png),
        ApiRoute.get("/api/v1/placecodes/grids/{code}/sheet.svg", printers, this::sheet),
        ApiRoute.get("/api/v1/placecodes/keys", Access.roles(Role.ADMIN), Reply.json(this::allKeys)),
        ApiRoute.post("/api/v1/placecodes/keys", Access.roles(Role.ADMIN), Reply.created(this::rotate)),
        ApiRoute.post("/api/v1/placecodes/keys/{keyId}/retire", Access.roles(Role.ADMIN), Reply.noContent(this::retire)));
  }

  /** Every key a code may be signed with now, the one new codes get first. */
  private Future<JsonArray> publicKeys(RoutingContext ctx) {
    return keys.trusted().map(all -> new JsonArray(all.values().stream()
        .map(k -> new JsonObject().put("keyId", k.keyId()).put("publicKey", k.toPem())).toList()));
  }

  /** Every key with its state: the one new codes get ({@code signing}), others in use, retired ones. */
  private Future<JsonArray> allKeys(RoutingContext ctx) {
    return keys.all().map(all -> new JsonArray(all.stream().map(k -> new JsonObject().put("keyId", k.keyId())
        .put("createdAt", k.createdAt().toInstant().toString())
        .put("retiredAt", k.retiredAt() == null ? null : k.retiredAt().toInstant().toString())
        .put("signing", k.signing()).put("publicKey", k.publicKeyPem())).toList()));
  }

  private Future<JsonObject> rotate(RoutingContext ctx) {
    return keys.rotate().map(kid -> new JsonObject().put("keyId", kid));
  }

  private Future<Void> retire(RoutingContext ctx) {
    return keys.retire(ctx.pathParam("keyId")).map(done -> {
      if (!done) {
        throw DomainException.notFound(Text.of("没有使用中的此密钥", "No such key in use"));
      }
      return null;
    });
  }

  private Future<JsonObject> code(RoutingContext ctx) {
    return issued(ctx).map(c -> new JsonObject().put("code", c.text()).put("kind", c.site().kind().json())
        .put("id", c.site().id()).put("address", c.site().address()).put("gridCode", c.site().gridCode()));
  }

  private void png(RoutingContext ctx) {
    issued(ctx).compose(c -> crypto.executeBlocking(() -> QrImages.png(c.text(), 8), false))
        .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(io.vertx.core.buffer.Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  private void sheet(RoutingContext ctx) {
    Principal caller = principal(ctx);
    String grid = ctx.pathParam("code");
    Paging paging = new Paging(Paging.of(ctx).page(), CodeSheet.PER_PAGE);
    if (!caller.has(Role.ADMIN) && !caller.covers(grid)) {
      ctx.fail(DomainException.notFound(Text.of("网格不存在", "No such grid")));
      return;
    }
    Future.all(places.housesOfGrid(grid, paging.offset(), paging.size()), keys.current())
        .compose(both -> {
          List<PlaceCodeRepository.Site> sites = both.resultAt(0);
          Sm2KeyPair key = both.resultAt(1);
          return crypto.executeBlocking(() -> CodeSheet.svg(grid, paging.page(),
              sites.stream().map(s -> new CodeSheet.Label(sign(key, s), s)).toList()), false);
        })
        .onSuccess(svg -> ctx.response().putHeader("Content-Type", "image/svg+xml; charset=utf-8").end(svg))
        .onFailure(ctx::fail);
  }

  private record Issued(String text, PlaceCodeRepository.Site site) {}

  /** Finds the house or place in the caller's scope and signs its code (on a worker). */
  private Future<Issued> issued(RoutingContext ctx) {
    Principal caller = principal(ctx);
    PlaceCode.Kind kind = switch (ctx.pathParam("kind")) {
      case "houses" -> PlaceCode.Kind.HOUSE;
      case "places" -> PlaceCode.Kind.PLACE;
      default -> throw DomainException.notFound(Text.of("只有 houses 与 places 有二维码", "Only houses and places have codes"));
    };
    long id = Paging.pathId(ctx, "id");
    return places.site(kind, id)
        .map(found -> found.filter(s -> caller.has(Role.ADMIN) || caller.covers(s.gridCode()))
            .orElseThrow(() -> DomainException.notFound(Text.of("房屋或场所不存在", "No such house or place"))))
        .compose(site -> keys.current().compose(key -> crypto.executeBlocking(() -> new Issued(sign(key, site), site), false)));
  }

  private String sign(Sm2KeyPair key, PlaceCodeRepository.Site site) {
    PlaceCode code = new PlaceCode(site.kind(), site.id(), CityDay.today(clock), key.publicKey().keyId());
    return PlaceCodes.issue(key.privateKey(), code);
  }
}
