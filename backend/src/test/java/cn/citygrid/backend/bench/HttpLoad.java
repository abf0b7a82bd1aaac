package cn.citygrid.backend.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load: {@code clients} connections, each sending its next request as soon as
 * the previous answer is read, for a fixed time. Every answer is checked; one bad answer fails the run.
 * Runs on its own Vert.x instance so the load costs as little CPU as we can make it cost.
 */
final class HttpLoad implements AutoCloseable {
  record Result(long requests, double seconds, long[] nanos) {
    double perSecond() {
      return requests / seconds;
    }

    /** Runs taken one after the other, as one: their requests over their summed time. */
    static Result of(List<Result> runs) {
      return new Result(runs.stream().mapToLong(Result::requests).sum(), runs.stream().mapToDouble(Result::seconds).sum(),
          runs.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).toArray());
    }
  }

  // two event loops, as pgbench runs with two threads (-j 2); Vert.x would start two per core
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final HttpClient client;
  private final String authorization;

  HttpLoad(int port, int clients, String token) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients));
    this.authorization = "Bearer " + token;
    // named apart from the server's event loops, so Cpu tells the load's CPU from the server's
    for (int i = 0; i < 2; i++) {
      vertx.getOrCreateContext().runOnContext(v -> Thread.currentThread().setName("load-client-" + Thread.currentThread().getId()));
    }
  }

  /** An answer to check: the request's number, status, headers and body. */
  interface Check {
    boolean ok(int i, int status, MultiMap headers, Buffer body);
  }

  /** {@code uri(i)} the i-th request's path; {@code ok(i, body)} whether its 200 answer is right. */
  Result run(int clients, double seconds, IntFunction<String> uri, BiPredicate<Integer, Buffer> ok) throws Exception {
    return run(clients, seconds, uri, i -> Map.of(), (i, status, headers, body) -> status == 200 && ok.test(i, body));
  }

  /** As above with extra request headers {@code headers(i)} and any status {@code check} accepts. */
  Result run(int clients, double seconds, IntFunction<String> uri, IntFunction<Map<String, String>> headers, Check check)
      throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    List<CompletableFuture<Samples>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Samples samples = new Samples(c * 1_000_003);
      loops.add(loop(samples, end, uri, headers, check).toCompletionStage().toCompletableFuture());
    }
    long count = 0;
    List<long[]> all = new ArrayList<>();
    for (CompletableFuture<Samples> f : loops) {
      Samples s = f.get();
      count += s.size;
      all.add(Arrays.copyOf(s.nanos, s.size));
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(count, elapsed, all.stream().flatMapToLong(Arrays::stream).toArray());
  }

  /**
   * One client: request after request until the time is up. Each request starts from the previous
   * one's callback, not as a {@code compose} of it: a chain of one future per request would
   * complete recursively at the end and overflow the stack after a few thousand fast answers (304s).
   */
  private Future<Samples> loop(Samples s, long end, IntFunction<String> uri, IntFunction<Map<String, String>> headers,
      Check check) {
    Promise<Samples> done = Promise.promise();
    next(s, end, uri, headers, check, done);
    return done.future();
  }

  private void next(Samples s, long end, IntFunction<String> uri, IntFunction<Map<String, String>> headers, Check check,
      Promise<Samples> done) {
    if (System.nanoTime() >= end) {
      done.complete(s);
      return;
    }
    int i = s.next++;
    long t0 = System.nanoTime();
    client.request(HttpMethod.GET, uri.apply(i))
        .compose(req -> {
          headers.apply(i).forEach(req::putHeader);
          return req.putHeader("Authorization", authorization).send();
        })
        .compose(resp -> resp.body().map(body -> {
          if (!check.ok(i, resp.statusCode(), resp.headers(), body)) {
            throw new IllegalStateException("bad answer " + resp.statusCode() + " to " + uri.apply(i) + ": " + body);
          }
          s.add(System.nanoTime() - t0);
          return s;
        }))
        .onSuccess(ok -> next(s, end, uri, headers, check, done))
        .onFailure(done::fail);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Latencies of one client; touched by one request chain at a time. */
  private static final class Samples {
    long[] nanos = new long[4096];
    int size;
    int next;

    Samples(int firstRequest) {
      this.next = firstRequest;
    }

    void add(long n) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = n;
    }
  }
}
