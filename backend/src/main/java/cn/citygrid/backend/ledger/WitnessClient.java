package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteException;
import cn.citygrid.sync.protocol.checkpoint.NoteSignature;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log asking its witnesses to cosign, in checkpoint order, catching up on every checkpoint a
 * witness has not cosigned yet (it was down, or it just joined). Cosignature lines are appended to
 * the stored note, so {@code GET /ledger/checkpoint} and receipts carry them, but only once each has
 * verified under that witness's key as a cosignature of exactly that checkpoint.
 */
public final class WitnessClient {
  private static final Logger LOG = LoggerFactory.getLogger(WitnessClient.class);
  private static final int PER_ROUND = 64;

  private final WebClient http;
  private final LedgerRepository ledger;
  private final List<String> urls;
  private final NoteVerifier log;
  private final WorkerExecutor crypto;
  private final Map<String, Long> cosignedSize = new ConcurrentHashMap<>();
  private final Map<String, WitnessVerifier> keys = new ConcurrentHashMap<>();
  private Future<Void> chain = Future.succeededFuture();

  public WitnessClient(WebClient http, LedgerRepository ledger, List<String> urls, NoteVerifier log, WorkerExecutor crypto) {
    this.http = http;
    this.ledger = ledger;
    this.urls = List.copyOf(urls);
    this.log = log;
    this.crypto = crypto;
  }

  public boolean configured() {
    return !urls.isEmpty();
  }

  /** Queues one catch-up round per witness; rounds run one after another. */
  public synchronized Future<Void> catchUp() {
    for (String url : urls) {
      chain = chain.transform(ignored -> round(url).recover(e -> {
        LOG.warn("witness {} did not cosign: {}", url, e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }

  /** Witness keys the log has seen, for audit bundles. */
  public Future<List<WitnessVerifier>> known() {
    return ledger.pool().query("SELECT name, public_key FROM ledger.witness ORDER BY name").execute()
        .map(rows -> {
          List<WitnessVerifier> out = new ArrayList<>();
          rows.forEach(r -> out.add(new WitnessVerifier(r.getString(0), Sm2PublicKey.fromSpki(r.getBuffer(1).getBytes()))));
          return out;
        });
  }

  private Future<Void> round(String url) {
    return key(url).compose(key -> ledger.pool().preparedQuery(
            "SELECT size, note FROM ledger.checkpoint WHERE size > $1 ORDER BY size LIMIT $2")
        .execute(Tuple.of(cosignedSize.getOrDefault(url, 0L), PER_ROUND))
        .compose(rows -> {
          Future<Void> step = Future.succeededFuture();
          for (Row r : rows) {
            long size = r.getLong(0);
            String note = r.getString(1);
            step = step.compose(v -> cosign(url, key, size, note));
          }
          return step;
        }));
  }

  private Future<Void> cosign(String url, WitnessVerifier key, long size, String note) {
    long old = cosignedSize.getOrDefault(url, 0L);
    if (size <= old) {
      return Future.succeededFuture();
    }
    return proof(old, size)
        .compose(proof -> http.postAbs(url + "/witness/v1/add-checkpoint").putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer(request(old, proof, note))))
        .compose(response -> handle(url, key, size, note, response));
  }

  private Future<Void> handle(String url, WitnessVerifier key, long size, String note, HttpResponse<Buffer> response) {
    if (response.statusCode() == 409 && "text/x.tlog.size".equals(response.getHeader("Content-Type"))) {
      // The witness has cosigned a different size (it restarted, or another log node asked): resume from there.
      cosignedSize.put(url, Long.parseLong(response.bodyAsString().trim()));
      return Future.succeededFuture();
    }
    if (response.statusCode() != 200) {
      return Future.failedFuture(new IllegalStateException("witness answered " + response.statusCode() + ": "
          + response.bodyAsString()));
    }
    String lines = response.bodyAsString();
    // Stored lines go into every receipt, where auditors check them: a bad answer is refused (the round fails and
    // is logged), and the next round starts again from the last size stored.
    return crypto.executeBlocking(() -> checked(note, lines, key, size), false)
        .compose(good -> ledger.pool().preparedQuery("UPDATE ledger.checkpoint SET note = note || $2 WHERE size = $1")
            .execute(Tuple.of(size, good)))
        .map(v -> {
          cosignedSize.put(url, size);
          return null;
        });
  }

  /**
   * {@code lines} if each is {@code witness}'s cosignature of exactly {@code note}'s checkpoint and the note with
   * them still verifies as the offline verifier reads it (log key, then every line of the witness's key).
   *
   * @throws NoteException saying which line is wrong
   */
  private String checked(String note, String lines, WitnessVerifier witness, long size) {
    try {
      SignedNote before = SignedNote.parse(note);
      SignedNote after = SignedNote.parse(note + lines);
      if (!after.text().equals(before.text())) {
        throw new NoteException("got an answer that changes the checkpoint's text, want signature lines only");
      }
      List<NoteSignature> added = after.signatures().subList(before.signatures().size(), after.signatures().size());
      if (added.isEmpty()) {
        throw new NoteException("got no cosignature line, want " + witness.keyName() + "'s");
      }
      for (NoteSignature s : added) {
        if (!witness.matches(s)) {
          throw new NoteException(String.format("got a line by %s/%08x, want only %s/%08x", s.keyName(), s.keyHash(),
              witness.keyName(), witness.keyHash()));
        }
      }
      CheckpointVerifier.verify(note + lines, log, List.of(witness));
      return lines;
    } catch (NoteException e) {
      throw new NoteException("refused (not stored) the cosignature of checkpoint " + size + ": " + e.getMessage());
    }
  }

  private Future<List<byte[]>> proof(long old, long size) {
    if (old == 0 || old == size) {
      return Future.succeededFuture(List.of());
    }
    return NodeFetch.run(ledger, ledger.pool(), store -> MerkleProofs.consistency(TreeHasher.SM3, store, old, size));
  }

  private static String request(long old, List<byte[]> proof, String note) {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    proof.forEach(h -> b.append(Base64.getEncoder().encodeToString(h)).append('\n'));
    return b.append('\n').append(note).toString();
  }

  private Future<WitnessVerifier> key(String url) {
    WitnessVerifier known = keys.get(url);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return http.getAbs(url + "/witness/v1/public-key").send()
        .map(r -> r.bodyAsJsonObject())
        .compose(json -> {
          WitnessVerifier key = new WitnessVerifier(json.getString("name"), Sm2PublicKey.fromPem(json.getString("publicKey")));
          return ledger.pool().preparedQuery("""
                  INSERT INTO ledger.witness (name, url, public_key) VALUES ($1, $2, $3)
                  ON CONFLICT (name) DO UPDATE SET url = $2, public_key = $3""")
              .execute(Tuple.of(key.keyName(), url, Buffer.buffer(key.key().spki())))
              .map(v -> {
                keys.put(url, key);
                return key;
              });
        });
  }
}
