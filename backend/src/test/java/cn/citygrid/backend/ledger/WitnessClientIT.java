package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteSignature;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.receipt.Receipt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log stores a witness's answer only when every line is that witness's valid cosignature of exactly the
 * checkpoint it was asked about. The witness is a real HTTP server speaking the witness protocol, in its own
 * Vert.x, that cosigns honestly with its own key and then mutates the line as told.
 */
class WitnessClientIT {
  static TestDatabase db;
  static Vertx witnessVertx;
  static LyingWitness witness;
  static TestApp app;
  static Http http;
  static TestPhone phone;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(WitnessClientIT.class);
    TestApp.seedDemo(db, 600);
    witnessVertx = Vertx.vertx();
    witness = LyingWitness.start(witnessVertx);
    app = TestApp.start(db, Map.of(ConfigKey.LEDGER_WITNESS_URLS, "http://127.0.0.1:" + witness.port(),
        ConfigKey.LEDGER_BATCH_INTERVAL, "PT0.2S"));
    http = app.http();
    witness.log = http.logKey();
    phone = new TestPhone(http, app.login("worker", "Demo@2026")).enrolledAndApproved(app.login("supervisor", "Demo@2026"));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    witnessVertx.close().toCompletionStage().toCompletableFuture().get();
    db.close();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @EnumSource(value = Answer.class, names = "HONEST", mode = EnumSource.Mode.EXCLUDE)
  void aWitnessAnswerThatIsNotItsValidCosignatureOfThatCheckpoint_isNotStored(Answer bad) throws Exception {
    // Control: answered honestly, the same witness's line is stored (and every refused checkpoint before it caught up).
    witness.answer = Answer.HONEST;
    String honest = sealAndCatchUp("如实联署 " + bad);
    VerifiedCheckpoint cosigned = CheckpointVerifier.verify(http.get("/api/v1/ledger/checkpoint?size=" + size(honest), null).body(),
        http.logKey(), List.of(witness.key.verifier()));
    assertThat(cosigned.cosignatures()).extracting(VerifiedCheckpoint.Cosignature::witness).containsExactly(witness.key.keyName());

    witness.answer = bad;
    String sealed = sealAndCatchUp("拒收联署 " + bad);
    assertThat(witness.sent.get(bad).get()).as("the witness answered " + bad).isPositive();
    assertThat(http.get("/api/v1/ledger/checkpoint?size=" + size(sealed), null).body())
        .as("the stored note, after the witness answered " + bad).isEqualTo(sealed);
  }

  /** Submits a record, waits for its checkpoint and for a witness round after it; the checkpoint as sealed. */
  private static String sealAndCatchUp(String text) throws Exception {
    Http.Response r = phone.submit(phone.sign(text), true);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String sealed = Receipt.parse(r.json().getJsonObject("receipt").encode()).checkpoint();
    app.app().witnesses().catchUp().toCompletionStage().toCompletableFuture().get();
    return sealed;
  }

  private static long size(String note) {
    return CheckpointVerifier.verify(note, http.logKey(), List.of()).checkpoint().size();
  }

  /** What the witness answers: HONEST, or one mutation of its honest answer. */
  enum Answer {
    HONEST, FLIPPED_SIGNATURE_BIT, CHANGED_TIMESTAMP, OTHER_KEY_SAME_NAME, ANOTHER_CHECKPOINTS_COSIGNATURE,
    HONEST_AND_A_STRANGERS_LINE, BLANK_LINE_FIRST, NOT_A_SIGNATURE_LINE
  }

  /** A witness over HTTP (C2SP tlog-witness, as {@code WitnessRoutes} speaks it) that answers as {@link #answer} says. */
  static final class LyingWitness {
    final WitnessCosigner key = new WitnessCosigner("liar.example/witness", Sm2.generateKeyPair().privateKey());
    final Map<Answer, AtomicInteger> sent = new EnumMap<>(Answer.class);
    /** The honest line for each checkpoint body asked about, to replay for another one. */
    private final Map<String, String> honestLines = new ConcurrentHashMap<>();
    volatile NoteVerifier log;
    volatile Answer answer = Answer.HONEST;
    private final Vertx vertx;
    private HttpServer server;

    private LyingWitness(Vertx vertx) {
      this.vertx = vertx;
      for (Answer a : Answer.values()) {
        sent.put(a, new AtomicInteger());
      }
    }

    static LyingWitness start(Vertx vertx) throws Exception {
      LyingWitness w = new LyingWitness(vertx);
      w.server = vertx.createHttpServer().requestHandler(w::handle).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get();
      return w;
    }

    int port() {
      return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
      if (req.method() == HttpMethod.GET && req.path().equals("/witness/v1/public-key")) {
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("name", key.keyName()).put("publicKey", key.verifier().key().toPem()).encode());
      } else if (req.method() == HttpMethod.POST && req.path().equals("/witness/v1/add-checkpoint") && log != null) {
        Answer now = answer;
        req.body().compose(body -> vertx.executeBlocking(() -> lines(body.toString(), now), false))
            .onSuccess(lines -> {
              sent.get(now).incrementAndGet();
              req.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(lines);
            })
            .onFailure(e -> req.response().setStatusCode(500).end(e.toString()));
      } else {
        req.response().setStatusCode(404).end();
      }
    }

    /** The answer to {@code old <size>, proof, blank line, note}; the old size and proof are not checked. */
    private String lines(String request, Answer how) {
      String note = request.substring(request.indexOf("\n\n") + 2);
      String text = SignedNote.parse(note).text();
      NoteSignature honest = cosignature(key, note);
      String other = honestLines.entrySet().stream().filter(e -> !e.getKey().equals(text)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      honestLines.putIfAbsent(text, honest.line());
      byte[] sig = honest.signature();
      return switch (how) {
        case HONEST -> honest.line();
        case FLIPPED_SIGNATURE_BIT -> {
          sig[sig.length - 1] ^= 1;
          yield new NoteSignature(key.keyName(), honest.keyHash(), sig).line();
        }
        case CHANGED_TIMESTAMP -> {
          sig[7] ^= 1;
          yield new NoteSignature(key.keyName(), honest.keyHash(), sig).line();
        }
        case OTHER_KEY_SAME_NAME -> cosignature(new WitnessCosigner(key.keyName(), Sm2.generateKeyPair().privateKey()), note).line();
        case ANOTHER_CHECKPOINTS_COSIGNATURE -> java.util.Objects.requireNonNull(other, "no other checkpoint cosigned yet");
        case HONEST_AND_A_STRANGERS_LINE -> honest.line()
            + cosignature(new WitnessCosigner("stranger.example/witness", Sm2.generateKeyPair().privateKey()), note).line();
        case BLANK_LINE_FIRST -> "\n" + honest.line();
        case NOT_A_SIGNATURE_LINE -> "cosigned\n";
      };
    }

    private NoteSignature cosignature(WitnessCosigner by, String note) {
      List<NoteSignature> all = SignedNote.parse(by.cosign(note, log, Instant.now())).signatures();
      return all.get(all.size() - 1);
    }
  }
}
