package cn.citygrid.backend.witness;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.FreePort;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteSignature;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.checkpoint.WitnessCosigner;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.merkle.InMemoryNodeStore;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.verify.AuditBundle;
import cn.citygrid.sync.protocol.verify.OfflineVerifier;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-process witness cosigns the log's checkpoints, and refuses a forked history. */
class WitnessIT {
  static TestDatabase db;
  static TestApp app;
  static Http witness;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(WitnessIT.class);
    TestApp.seedDemo(db, 600);
    int port = FreePort.find();
    app = TestApp.start(db, Map.of(ConfigKey.WITNESS_PORT, String.valueOf(port),
        ConfigKey.LEDGER_WITNESS_URLS, "http://127.0.0.1:" + port, ConfigKey.LEDGER_BATCH_INTERVAL, "PT0.2S"));
    witness = new Http("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void everyCheckpoint_getsTheWitnessCosignature_andBundlesCarryIt() throws Exception {
    Http http = app.http();
    TestPhone phone = new TestPhone(http, app.login("worker", "Demo@2026")).enrolledAndApproved(app.login("supervisor", "Demo@2026"));
    var record = phone.sign("见证");
    phone.submit(record, true);
    JsonObject wkey = witness.get("/witness/v1/public-key", null).json();
    WitnessVerifier wv = new WitnessVerifier(wkey.getString("name"), Sm2PublicKey.fromPem(wkey.getString("publicKey")));
    NoteVerifier log = http.logKey();

    // Cosigning follows sealing; wait for it through the witness's own state, not by sleeping.
    app.app().appender().sealNow().toCompletionStage().toCompletableFuture().get();
    String note = awaitCosigned(http, log, wv);
    VerifiedCheckpoint checked = CheckpointVerifier.verify(note, log, List.of(wv));
    assertThat(checked.cosignatures()).extracting(VerifiedCheckpoint.Cosignature::witness).containsExactly(wv.keyName());

    String bundle = http.get("/api/v1/ledger/records/" + record.recordId() + "/bundle", phone.token()).body();
    assertThat(AuditBundle.parse(bundle).witnessKeys()).hasSize(1);
    assertThat(new OfflineVerifier().verify(AuditBundle.parse(bundle)).passed()).isTrue();
  }

  private static String awaitCosigned(Http http, NoteVerifier log, WitnessVerifier wv) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      String note = http.get("/api/v1/ledger/checkpoint", null).body();
      if (!CheckpointVerifier.verify(note, log, List.of(wv)).cosignatures().isEmpty()) {
        return note;
      }
      // The witness round is asynchronous: ask the client to run another one and wait for it.
      app.app().witnesses().catchUp().toCompletionStage().toCompletableFuture().get();
    }
    throw new AssertionError("the latest checkpoint was never cosigned");
  }

  @Test
  void aForkedHistory_isRefused_andTheWitnessStateDoesNotMove() {
    Sm2KeyPair logKey = Sm2.generateKeyPair();
    // This witness trusts the app's log key only; a foreign log is refused outright.
    String foreign = sign(new CheckpointSigner("other.example/log", logKey.privateKey()), tree(3, "a"), 3);
    assertThat(witness.send("POST", "/witness/v1/add-checkpoint", null, "old 0\n\n" + foreign, Map.of()).status()).isEqualTo(403);
  }

  @Test
  void notesTheLogDidNotSign_areAnswered403_sayingWhy() {
    String foreign = sign(new CheckpointSigner("other.example/log", Sm2.generateKeyPair().privateKey()), tree(3, "a"), 3);
    for (String note : List.of(foreign, "not a signed note\n", forgedFor(app.http().logKey()))) {
      Http.Response r = witness.send("POST", "/witness/v1/add-checkpoint", null, "old 0\n\n" + note, Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo("urn:citygrid:problem:forbidden");
      assertThat(r.json().getString("detail")).contains("not signed by the log key");
    }
  }

  @Test
  void theLogSignature_isCheckedOnTheCryptoWorkers_notOnTheCallersThread() throws Exception {
    // One crypto thread, held busy: a check that runs on it cannot answer before the thread is let go.
    WorkerExecutor crypto = app.app().vertx().createSharedWorkerExecutor("witness-it-crypto", 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      crypto.executeBlocking(() -> release.await(30, TimeUnit.SECONDS), false);
      NoteVerifier log = new NoteVerifier("busy.example/log", Sm2.generateKeyPair().publicKey());
      WitnessService service = new WitnessService(app.app().database().pool(), crypto,
          new WitnessCosigner("busy.example/witness", Sm2.generateKeyPair().privateKey()), log, java.time.Clock.systemUTC());

      io.vertx.core.Future<WitnessService.Outcome> answer = service.addCheckpoint(0, List.of(), forgedFor(log));
      assertThat(answer.isComplete()).as("answered while the only crypto thread was busy").isFalse();
      release.countDown();
      assertThat(await(answer)).isInstanceOfSatisfying(WitnessService.Outcome.Refused.class,
          r -> assertThat(r.reason()).contains("does not verify"));
    } finally {
      release.countDown();
      crypto.close();
    }
  }

  /** A note that names {@code log}'s key (name and key hash) but carries another key's signature. */
  static String forgedFor(NoteVerifier log) {
    SignedNote other = SignedNote.parse(sign(new CheckpointSigner(log.keyName(), Sm2.generateKeyPair().privateKey()),
        tree(3, "forged"), 3));
    byte[] signature = other.signatures().get(0).signature();
    return new SignedNote(other.text(), List.of(new NoteSignature(log.keyName(), log.keyHash(), signature))).format();
  }

  @Test
  void theWitnessService_refusesSameSizeOtherRoot_andANonExtension() throws Exception {
    Sm2KeyPair logKey = Sm2.generateKeyPair();
    Sm2KeyPair witnessKey = Sm2.generateKeyPair();
    CheckpointSigner signer = new CheckpointSigner("fork.example/log", logKey.privateKey());
    WitnessService service = new WitnessService(app.app().database().pool(), app.app().vertx().createSharedWorkerExecutor("t"),
        new WitnessCosigner("fork.example/witness", witnessKey.privateKey()),
        signer.verifier(), java.time.Clock.systemUTC());
    Fixture honest = tree(5, "h");
    assertThat(await(service.addCheckpoint(0, List.of(), sign(signer, honest, 5)))).isInstanceOf(WitnessService.Outcome.Cosigned.class);

    Fixture fork = tree(5, "f");
    assertThat(await(service.addCheckpoint(5, List.of(), sign(signer, fork, 5))))
        .isInstanceOfSatisfying(WitnessService.Outcome.Refused.class, r -> assertThat(r.reason()).contains("forked"));

    Fixture forkGrown = tree(8, "f");
    List<byte[]> forkProof = MerkleProofs.consistency(TreeHasher.SM3, forkGrown.store(), 5, 8);
    assertThat(await(service.addCheckpoint(5, forkProof, sign(signer, forkGrown, 8))))
        .isInstanceOf(WitnessService.Outcome.Refused.class);
    assertThat(await(service.addCheckpoint(3, List.of(), sign(signer, honest, 5))))
        .isEqualTo(new WitnessService.Outcome.SizeMismatch(5));

    Fixture honestGrown = tree(8, "h");
    List<byte[]> proof = MerkleProofs.consistency(TreeHasher.SM3, honestGrown.store(), 5, 8);
    assertThat(await(service.addCheckpoint(5, proof, sign(signer, honestGrown, 8)))).isInstanceOf(WitnessService.Outcome.Cosigned.class);
  }

  record Fixture(MerkleAppender tree, InMemoryNodeStore store) {}

  /** A tree of {@code n} leaves "prefix0".."prefix{n-1}" — two prefixes give two histories. */
  static Fixture tree(int n, String prefix) {
    MerkleAppender tree = new MerkleAppender(TreeHasher.SM3);
    InMemoryNodeStore store = new InMemoryNodeStore();
    for (int i = 0; i < n; i++) {
      store.putAll(tree.append(TreeHasher.SM3.hashLeaf((prefix + i).getBytes(StandardCharsets.UTF_8))).newNodes());
    }
    return new Fixture(tree, store);
  }

  static String sign(CheckpointSigner signer, Fixture f, long size) {
    return signer.sign(Checkpoint.of(signer.keyName(), size, f.tree().root(), Instant.now()));
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get();
  }
}
