package cn.citygrid.backend.witness;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemHandler;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The witness's HTTP face (C2SP tlog-witness style): {@code POST /witness/v1/add-checkpoint} with
 * body {@code old <size>\n<base64 proof hash>…\n\n<signed checkpoint>}; answers the new
 * cosignature lines (200), our size (409, {@code text/x.tlog.size}), or a problem (403, 422).
 * {@code GET /witness/v1/public-key} names the key. Both are public: anyone may ask a witness.
 */
public final class WitnessRoutes {
  private final WitnessService witness;

  public WitnessRoutes(WitnessService witness) {
    this.witness = witness;
  }

  public void mount(Router router) {
    router.get("/witness/v1/public-key").handler(ctx -> ctx.json(new JsonObject()
        .put("name", witness.cosigner().keyName())
        .put("publicKey", witness.cosigner().verifier().key().toPem())));
    router.post("/witness/v1/add-checkpoint").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
        .handler(this::addCheckpoint);
  }

  private void addCheckpoint(RoutingContext ctx) {
    Request request = Request.parse(ctx.body().asString());
    if (request == null) {
      refuse(ctx, ProblemType.MALFORMED_REQUEST, "expected 'old <size>', proof lines, a blank line and a checkpoint");
      return;
    }
    witness.addCheckpoint(request.oldSize(), request.proof(), request.note()).onSuccess(outcome -> {
      if (outcome instanceof WitnessService.Outcome.Cosigned c) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(String.join("", c.lines()));
      } else if (outcome instanceof WitnessService.Outcome.SizeMismatch m) {
        ctx.response().setStatusCode(409).putHeader("Content-Type", "text/x.tlog.size").end(m.size() + "\n");
      } else if (outcome instanceof WitnessService.Outcome.Refused r) {
        refuse(ctx, r.status() == 403 ? ProblemType.FORBIDDEN : r.status() == 409 ? ProblemType.CONFLICT
            : ProblemType.WITNESS_REFUSED, r.reason());
      }
    }).onFailure(ctx::fail);
  }

  private static void refuse(RoutingContext ctx, ProblemType type, String reason) {
    ProblemHandler.send(ctx, new DomainException(type, Text.of("见证拒绝：" + reason, "Witness refused: " + reason)));
  }

  record Request(long oldSize, List<byte[]> proof, String note) {
    static Request parse(String body) {
      int blank = body == null ? -1 : body.indexOf("\n\n");
      if (blank < 0 || !body.startsWith("old ")) {
        return null;
      }
      String[] head = body.substring(0, blank).split("\n");
      try {
        long old = Long.parseLong(head[0].substring(4).trim());
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
          proof.add(Base64.getDecoder().decode(head[i].trim()));
        }
        return new Request(old, proof, body.substring(blank + 2));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
