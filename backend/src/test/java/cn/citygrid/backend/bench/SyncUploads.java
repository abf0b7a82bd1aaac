package cn.citygrid.backend.bench;

import cn.citygrid.backend.bench.SyncWorkload.Batch;
import cn.citygrid.backend.bench.SyncWorkload.Device;
import cn.citygrid.backend.bench.SyncWorkload.Photo;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The phones' upload over real HTTP, {@code concurrency} devices at a time: per batch, slots for
 * its photos, a presigned PUT of each to the embedded S3 and its completion (the server hashes it
 * and writes thumbnails), then the records. Every answer is checked; a record not accepted fails
 * the run. Ack latency is that of each {@code POST /sync/records}, which includes the server's
 * wait (up to 2 s) for the appender to seal the records into a checkpoint and return receipts.
 */
final class SyncUploads implements AutoCloseable {
  record Result(long accepted, long photos, long putRetries, double seconds, long[] ackNanos, long[] photoNanos) {
    double recordsPerSecond() {
      return accepted / seconds;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final String base;
  private final String token;
  private final SyncWorkload workload;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong photos = new AtomicLong();
  private final AtomicLong putRetries = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> photoTimes = new ConcurrentLinkedQueue<>();

  SyncUploads(String base, String token, SyncWorkload workload, int concurrency) {
    this.base = base;
    this.token = token;
    this.workload = workload;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxChunkSize(64 * 1024),
        new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));
  }

  Result run(int concurrency) throws Exception {
    List<Device> devices = workload.devices();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      loops.add(nextDevice(devices, next));
    }
    Future.all(loops).toCompletionStage().toCompletableFuture().get();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(accepted.get(), photos.get(), putRetries.get(), seconds, toArray(acks), toArray(photoTimes));
  }

  /** One of the {@code concurrency} loops: takes the next device not yet started until none is left. */
  private Future<Void> nextDevice(List<Device> devices, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= devices.size()) {
      return Future.succeededFuture();
    }
    return batches(devices.get(i), 0).compose(v -> nextDevice(devices, next));
  }

  /** A phone uploads its batches one after another, each batch's photos before its records. */
  private Future<Void> batches(Device device, int index) {
    if (index == device.batches().size()) {
      return Future.succeededFuture();
    }
    Batch batch = device.batches().get(index);
    return photos(device, batch).compose(v -> records(device, batch)).compose(v -> batches(device, index + 1));
  }

  private Future<Void> photos(Device device, Batch batch) {
    if (batch.photos().isEmpty()) {
      return Future.succeededFuture();
    }
    long t0 = System.nanoTime();
    JsonArray wanted = new JsonArray(batch.photos().stream().map(p -> new JsonObject().put("sm3", p.sm3())
        .put("size", p.size()).put("mediaType", "image/jpeg")).toList());
    return post(device, "/api/v1/sync/attachments", new JsonObject().put("attachments", wanted).encode())
        .compose(answer -> upload(device, batch.photos(), answer.getJsonArray("slots"), 0))
        .onSuccess(v -> photoTimes.add(System.nanoTime() - t0));
  }

  /** Each photo in turn: PUT through its presigned URL with exactly the slot's headers, then complete. */
  private Future<Void> upload(Device device, List<Photo> list, JsonArray slots, int i) {
    if (i == list.size()) {
      return Future.succeededFuture();
    }
    Photo photo = list.get(i);
    JsonObject slot = slots.getJsonObject(i);
    if (!photo.sm3().equals(slot.getString("sm3")) || !"put".equals(slot.getString("status"))) {
      return Future.failedFuture(new IllegalStateException("want a put slot for " + photo.sm3() + ", got " + slot));
    }
    return put(slot, photo, 1)
        .compose(v -> post(device, "/api/v1/sync/attachments/" + photo.sm3() + "/complete", "{\"uploadId\":null}"))
        .compose(done -> {
          photos.incrementAndGet();
          return upload(device, list, slots, i + 1);
        });
  }

  /**
   * The PUT, repeated after a 5xx as a phone does (sync-protocol.md §7, here after 100 ms × attempt): the
   * in-process S3 (s3proxy's filesystem store) sometimes answers 500 when a concurrent complete has just
   * removed the empty {@code incoming/<account>/} folder this PUT writes into. Retries are counted and printed.
   */
  private Future<Void> put(JsonObject slot, Photo photo, int attempt) {
    RequestOptions put = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(slot.getString("url"));
    slot.getJsonObject("headers").forEach(h -> put.putHeader(h.getKey(), String.valueOf(h.getValue())));
    return client.request(put)
        .compose(req -> req.send(Buffer.buffer(workload.photo(photo.n()))))
        .compose(resp -> resp.body().compose(body -> {
          if (resp.statusCode() >= 500 && attempt < 5) {
            putRetries.incrementAndGet();
            return vertx.timer(100L * attempt).compose(t -> put(slot, photo, attempt + 1));
          }
          expect(resp.statusCode(), 200, "PUT " + photo.sm3() + " (attempt " + attempt + ")", body);
          return Future.succeededFuture();
        }));
  }

  private Future<Void> records(Device device, Batch batch) {
    String body = "{\"deviceId\":\"" + device.phone().deviceId + "\",\"deviceTime\":\"" + Instant.now()
        + "\",\"records\":" + batch.recordsJson() + "}";
    long t0 = System.nanoTime();
    return post(device, "/api/v1/sync/records", body).map(answer -> {
      acks.add(System.nanoTime() - t0);
      JsonArray results = answer.getJsonArray("results");
      for (int i = 0; i < results.size(); i++) {
        if (!"accepted".equals(results.getJsonObject(i).getString("status"))) {
          throw new IllegalStateException("record not accepted: " + results.getJsonObject(i).encode());
        }
      }
      accepted.addAndGet(results.size());
      return null;
    });
  }

  private Future<JsonObject> post(Device device, String path, String json) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token)
        .add("Content-Type", "application/json").add("X-Device-Id", device.phone().deviceId);
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + path).setHeaders(headers))
        .compose(req -> req.send(json))
        .compose(resp -> resp.body().map(body -> {
          expect(resp.statusCode(), 200, "POST " + path, body);
          return body.toJsonObject();
        }));
  }

  private static Void expect(int got, int want, String what, Buffer body) {
    if (got != want) {
      throw new IllegalStateException(what + ": got " + got + ", want " + want + ": " + body);
    }
    return null;
  }

  private static long[] toArray(ConcurrentLinkedQueue<Long> q) {
    return q.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
