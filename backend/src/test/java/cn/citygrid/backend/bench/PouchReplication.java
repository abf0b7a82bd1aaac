package cn.citygrid.backend.bench;

import cn.citygrid.backend.bench.SyncWorkload.Batch;
import cn.citygrid.backend.bench.SyncWorkload.Device;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The CouchDB way, side by side: the same documents pushed into a pouchdb-server (LevelDB on
 * disk, a fresh folder) with {@code _bulk_docs}, in the same batches, the same number of devices
 * at a time, over the same Vert.x HTTP client. Each document is the signed envelope with
 * {@code _id} = its record id; with {@code inline} the photo goes along as a base64 CouchDB
 * attachment of the document. pouchdb-server checks no signature, anchors nothing, and LevelDB
 * does not fsync each write.
 */
final class PouchReplication {
  record Result(long docs, double seconds, long[] nanos) {
    double docsPerSecond() {
      return docs / seconds;
    }
  }

  /** The untimed warm-up push and the measured one. */
  record Run(Result warm, Result measured) {}

  private final Path home;
  private final SyncWorkload workload;
  private final boolean inline;

  /** {@code home}: the npm folder holding {@code node_modules/pouchdb-server}. */
  PouchReplication(Path home, SyncWorkload workload, boolean inline) {
    this.home = home;
    this.workload = workload;
    this.inline = inline;
  }

  static Path bin(Path home) {
    return home.resolve("node_modules/pouchdb-server/bin/pouchdb-server");
  }

  /**
   * Pushes the first {@code warmDevices} devices' documents untimed (the devices the HTTP stage warmed up with),
   * then those of the devices from {@code measuredFrom} on, timed.
   */
  Run run(int concurrency, int warmDevices, int measuredFrom) throws Exception {
    List<List<List<String>>> docs = documents();
    Path dir = Files.createTempDirectory("citygrid-pouch");
    int port = freePort();
    Process server = new ProcessBuilder("node", bin(home).toString(), "-p", String.valueOf(port), "-d", dir.toString(),
        "-n", "-c", dir.resolve("config.json").toString()).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.out").toFile()).start();
    Vertx vertx = Vertx.vertx();
    try {
      String base = "http://127.0.0.1:" + port;
      awaitUp(base, server);
      send(base + "/bench", "PUT", "");
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));
      Result warm = push(client, base + "/bench/_bulk_docs", docs, 0, warmDevices, concurrency);
      Result r = push(client, base + "/bench/_bulk_docs", docs, measuredFrom, docs.size(), concurrency);
      String info = send(base + "/bench", "GET", null);
      long count = new io.vertx.core.json.JsonObject(info).getLong("doc_count");
      if (count != warm.docs() + r.docs()) {
        throw new IllegalStateException("pouchdb-server holds " + count + " documents, want " + (warm.docs() + r.docs()));
      }
      return new Run(warm, r);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      server.destroy();
      server.waitFor();
      deleteTree(dir);
    }
  }

  /** Per device, per batch: each document's JSON without its closing brace (made before the clock). */
  private List<List<List<String>>> documents() {
    return workload.devices().parallelStream().map(d -> d.batches().stream().map(b -> b.records().stream()
        .map(PouchReplication::open).toList()).toList()).toList();
  }

  private static String open(RecordEnvelope e) {
    String json = e.toJson();
    return "{\"_id\":\"" + e.recordId() + "\"," + json.substring(1, json.length() - 1);
  }

  /** Devices {@code from} to {@code to} (exclusive), {@code concurrency} at a time. */
  private Result push(HttpClient client, String url, List<List<List<String>>> docs, int from, int to, int concurrency)
      throws Exception {
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger(from);
    long[] count = new long[1];
    long start = System.nanoTime();
    List<Future<Long>> loops = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      loops.add(device(client, url, docs, to, next, nanos, 0L));
    }
    Future.all(loops).toCompletionStage().toCompletableFuture().get();
    double seconds = (System.nanoTime() - start) / 1e9;
    loops.forEach(l -> count[0] += l.result());
    return new Result(count[0], seconds, nanos.stream().mapToLong(Long::longValue).toArray());
  }

  private Future<Long> device(HttpClient client, String url, List<List<List<String>>> docs, int to, AtomicInteger next,
      ConcurrentLinkedQueue<Long> nanos, long done) {
    int i = next.getAndIncrement();
    if (i >= to) {
      return Future.succeededFuture(done);
    }
    Device device = workload.devices().get(i);
    return batches(client, url, device, docs.get(i), 0, nanos, done)
        .compose(n -> device(client, url, docs, to, next, nanos, n));
  }

  private Future<Long> batches(HttpClient client, String url, Device device, List<List<String>> docs, int b,
      ConcurrentLinkedQueue<Long> nanos, long done) {
    if (b == docs.size()) {
      return Future.succeededFuture(done);
    }
    String body = body(device.batches().get(b), docs.get(b));
    long t0 = System.nanoTime();
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
            .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(answer -> check(resp.statusCode(), answer, docs.get(b).size())))
        .compose(n -> {
          nanos.add(System.nanoTime() - t0);
          return batches(client, url, device, docs, b + 1, nanos, done + n);
        });
  }

  /** {@code {"docs":[…]}}, a photo record's picture inlined as base64 when {@code inline}. */
  private String body(Batch batch, List<String> docs) {
    StringBuilder out = new StringBuilder("{\"docs\":[");
    int photo = 0;
    for (int i = 0; i < docs.size(); i++) {
      out.append(i == 0 ? "" : ",").append(docs.get(i));
      if (inline && !batch.records().get(i).attachments().isEmpty()) {
        byte[] bytes = workload.photo(batch.photos().get(photo++).n());
        out.append(",\"_attachments\":{\"p1.jpg\":{\"content_type\":\"image/jpeg\",\"data\":\"")
            .append(Base64.getEncoder().encodeToString(bytes)).append("\"}}");
      }
      out.append('}');
    }
    return out.append("]}").toString();
  }

  private static long check(int status, Buffer answer, int want) {
    if (status != 201) {
      throw new IllegalStateException("_bulk_docs: got " + status + ", want 201: " + answer);
    }
    JsonArray results = answer.toJsonArray();
    for (int i = 0; i < results.size(); i++) {
      if (!Boolean.TRUE.equals(results.getJsonObject(i).getBoolean("ok"))) {
        throw new IllegalStateException("_bulk_docs refused a document: " + results.getJsonObject(i).encode());
      }
    }
    if (results.size() != want) {
      throw new IllegalStateException("_bulk_docs answered " + results.size() + " results, want " + want);
    }
    return want;
  }

  private static void awaitUp(String base, Process server) throws Exception {
    for (int i = 0; i < 300; i++) {
      if (!server.isAlive()) {
        throw new IllegalStateException("pouchdb-server exited with " + server.exitValue());
      }
      try {
        send(base + "/", "GET", null);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("pouchdb-server did not answer within 30 s");
  }

  private static String send(String url, String method, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
