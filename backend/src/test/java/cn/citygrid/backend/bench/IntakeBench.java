package cn.citygrid.backend.bench;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** Many devices posting pre-signed batches at once; then the sealing delay from the server's metrics. */
final class IntakeBench {
  record Result(double recordsPerSecond, double sealP95Ms, long records) {}

  private final TestApp app;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  IntakeBench(TestApp app) {
    this.app = app;
  }

  /** A round's accepted records per second and the share of its wall time the JIT spent compiling. */
  private record Round(double perSecond, double jitShare) {}

  /**
   * Warm-up rounds on other devices, each a third of the measured round, until one kept the JIT
   * compiling for less than {@link Turns#JIT_QUIET} of its wall time (at most {@code WARMUP_MAX_ROUNDS}):
   * the verify baseline warms up inside its own loop, and a server measured while C2 still compiles
   * (4.9 s of compiling in a 6 s round after a single warm-up round) is measured cold. Then the
   * measured round.
   */
  Result run(int devices, int recordsPerDevice, int batchSize) throws Exception {
    String worker = app.login("worker", "Demo@2026");
    String supervisor = app.login("supervisor", "Demo@2026");
    List<String> shares = new ArrayList<>();
    Round warm;
    do {
      warm = upload(worker, supervisor, devices, Math.max(batchSize, recordsPerDevice / 3), batchSize);
      shares.add(String.format("%.0f", warm.jitShare() * 100));
    } while (warm.jitShare() >= Turns.JIT_QUIET && shares.size() < WARMUP_MAX_ROUNDS);
    System.out.printf("warm-up: %d rounds, JIT compiling %s %% of each; last %s records/s%n", shares.size(),
        String.join(" ", shares), Stats.fmt(warm.perSecond()));
    Round measured = upload(worker, supervisor, devices, recordsPerDevice, batchSize);
    System.out.printf("measured round: JIT compiling %.0f %% of it%n", measured.jitShare() * 100);
    return new Result(measured.perSecond(), sealP95(), (long) devices * recordsPerDevice);
  }

  private static final int WARMUP_MAX_ROUNDS = 12;

  /** One round: enroll, sign (untimed), then every device uploads its batches in turn. */
  private Round upload(String worker, String supervisor, int devices, int recordsPerDevice, int batchSize) throws Exception {
    List<TestPhone> phones = IntStream.range(0, devices)
        .mapToObj(i -> new TestPhone(app.http(), worker).enrolledAndApproved(supervisor)).toList();
    System.out.printf("signing %,d records on %d devices…%n", devices * recordsPerDevice, devices);
    List<List<String>> bodies = phones.parallelStream().map(p -> batches(p, recordsPerDevice, batchSize)).toList();

    Map<String, Long> cpuBefore = Cpu.snapshot();
    long start = System.nanoTime();
    List<CompletableFuture<Long>> loops = new ArrayList<>();
    for (List<String> deviceBatches : bodies) {
      loops.add(send(worker, deviceBatches, 0, 0L));
    }
    long accepted = 0;
    for (CompletableFuture<Long> loop : loops) {
      accepted += loop.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> cpuAfter = Cpu.snapshot();
    app.app().appender().sealNow().toCompletionStage().toCompletableFuture().get();
    long expected = (long) devices * recordsPerDevice;
    if (accepted != expected) {
      throw new IllegalStateException("accepted " + accepted + " of " + expected + " records");
    }
    Map<String, Long> used = new TreeMap<>();
    Cpu.addUsed(used, cpuBefore, cpuAfter);
    System.out.printf("accepted %,d records in %.2f s; CPU meanwhile:%s%n", accepted, seconds,
        Cpu.perUnit(used, accepted, "record"));
    return new Round(accepted / seconds, used.get(Cpu.JIT) / 1e9 / seconds);
  }

  private static List<String> batches(TestPhone phone, int records, int batchSize) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < records; i += batchSize) {
      List<String> batch = new ArrayList<>();
      for (int j = i; j < Math.min(records, i + batchSize); j++) {
        batch.add(phone.sign("走访记录 " + j + "：户内常住 3 人，老人独居情况已核实").toJson());
      }
      out.add("{\"records\":[" + String.join(",", batch) + "]}");
    }
    return out;
  }

  /** One device: its batches one after another (a phone uploads sequentially). */
  private CompletableFuture<Long> send(String token, List<String> batches, int index, long accepted) {
    if (index == batches.size()) {
      return CompletableFuture.completedFuture(accepted);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(app.http().base() + "/api/v1/ledger/batches"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batches.get(index))).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("batch refused: " + r.statusCode() + " " + r.body());
      }
      long ok = r.body().split("\"status\":\"accepted\"", -1).length - 1;
      return send(token, batches, index + 1, accepted + ok);
    });
  }

  private double sealP95() {
    String metrics = app.http().get("/metrics", null).body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("citygrid_ledger_seal_delay_seconds{quantile=\"0.95\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
      }
    }
    throw new IllegalStateException("no seal delay in /metrics");
  }
}
