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

  /**
   * A warm-up round of the same shape on other devices (not timed: the fresh server's JIT compiles through
   * it, while the verify baseline warms up inside its own loop), then the measured round.
   */
  Result run(int devices, int recordsPerDevice, int batchSize) throws Exception {
    String worker = app.login("worker", "Demo@2026");
    String supervisor = app.login("supervisor", "Demo@2026");
    double warm = upload(worker, supervisor, devices, recordsPerDevice, batchSize);
    System.out.printf("warm-up: %s records/s%n", Stats.fmt(warm));
    double measured = upload(worker, supervisor, devices, recordsPerDevice, batchSize);
    return new Result(measured, sealP95(), (long) devices * recordsPerDevice);
  }

  /** One round: enroll, sign (untimed), then every device uploads its batches in turn; records per second. */
  private double upload(String worker, String supervisor, int devices, int recordsPerDevice, int batchSize) throws Exception {
    List<TestPhone> phones = IntStream.range(0, devices)
        .mapToObj(i -> new TestPhone(app.http(), worker).enrolledAndApproved(supervisor)).toList();
    System.out.printf("signing %,d records on %d devices…%n", devices * recordsPerDevice, devices);
    List<List<String>> bodies = phones.parallelStream().map(p -> batches(p, recordsPerDevice, batchSize)).toList();

    java.util.Map<String, Long> cpuBefore = cpuByThreadGroup();
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
    java.util.Map<String, Long> cpuAfter = cpuByThreadGroup();
    cpuAfter.forEach((k, v) -> {
      double used = (v - cpuBefore.getOrDefault(k, 0L)) / 1e9;
      if (used > 0.05) {
        System.out.printf("  cpu %-40s %6.2f s%n", k, used);
      }
    });
    app.app().appender().sealNow().toCompletionStage().toCompletableFuture().get();
    long expected = (long) devices * recordsPerDevice;
    if (accepted != expected) {
      throw new IllegalStateException("accepted " + accepted + " of " + expected + " records");
    }
    System.out.printf("accepted %,d records in %.2f s%n", accepted, seconds);
    return accepted / seconds;
  }

  private static java.util.Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    out.put("(this JVM, all)", ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
    out.put("(postgres, all)", postgresCpuNanos());
    for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null) {
        out.merge(t.getThreadName().replaceAll("\\d+", "N"), Math.max(0, mx.getThreadCpuTime(t.getThreadId())), Long::sum);
      }
    }
    return out;
  }

  private static long postgresCpuNanos() {
    long ticks = 0;
    java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.matches("\\d+"));
    for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
      try {
        String stat = java.nio.file.Files.readString(p.toPath().resolve("stat"));
        if (stat.contains("(postgres)")) {
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      } catch (java.io.IOException | RuntimeException e) {
        // gone meanwhile
      }
    }
    return ticks * 10_000_000L;
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
