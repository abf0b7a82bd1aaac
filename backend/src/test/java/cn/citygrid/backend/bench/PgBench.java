package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.DbConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** PostgreSQL's own pgbench running a custom script: the database-only baseline for a query. */
final class PgBench {
  record Result(double tps, long[] nanos) {
    /** Runs of equal duration taken one after the other, as one: the mean rate, every latency. */
    static Result of(List<Result> runs) {
      return new Result(runs.stream().mapToDouble(Result::tps).average().orElse(0),
          runs.stream().flatMapToLong(r -> java.util.Arrays.stream(r.nanos())).toArray());
    }
  }

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private final DbConfig db;
  private final String executable;

  PgBench(DbConfig db) {
    this.db = db;
    String bin = System.getenv().getOrDefault("GRID_PG_BIN", "/usr/lib/postgresql/15/bin");
    this.executable = bin + "/pgbench";
    if (!Files.isExecutable(Path.of(executable))) {
      throw new IllegalStateException("no pgbench at " + executable + ": run through ./grid bench");
    }
  }

  /**
   * Runs the scripts, each picked with equal weight per transaction, with variables {@code vars}
   * (pgbench -D), {@code clients} connections (prepared statements), for {@code seconds} after
   * {@code warmupSeconds} more: with a warm-up the rate and latencies come from the transaction
   * log, counting only transactions that end after it. New connections plan
   * each prepared statement afresh for its first executions (custom plans), which a long-lived
   * pool has long done; for statements that take long to plan, short runs would measure that.
   */
  Result run(List<String> scripts, Map<String, String> vars, int clients, int threads, int seconds, int warmupSeconds)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("citygrid-pgbench");
    try {
      List<String> command = new ArrayList<>(List.of(executable, "-n", "-M", "prepared", "-c", String.valueOf(clients),
          "-j", String.valueOf(threads), "-T", String.valueOf(seconds + warmupSeconds), "-l",
          "--log-prefix=" + dir.resolve("tx")));
      for (int i = 0; i < scripts.size(); i++) {
        Path file = dir.resolve("script" + i + ".sql");
        Files.writeString(file, scripts.get(i), StandardCharsets.UTF_8);
        command.addAll(List.of("-f", file + "@1"));
      }
      vars.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
      command.addAll(List.of("-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.user(), db.database()));
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("PGPASSWORD", db.password());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("pgbench failed:\n" + out);
      }
      Matcher m = TPS.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("no tps in pgbench output:\n" + out);
      }
      if (out.contains("failed: ") && !out.contains("failed: 0 ")) {
        throw new IllegalStateException("pgbench transactions failed:\n" + out);
      }
      List<long[]> log = log(dir);
      if (warmupSeconds == 0) {
        return new Result(Double.parseDouble(m.group(1)), log.stream().mapToLong(t -> t[0]).toArray());
      }
      return measuredAfter(log, warmupSeconds);
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /**
   * Per-transaction logs, "client transaction latency_us script epoch_s epoch_us" per line: for
   * each transaction its latency and the time it ended, in nanoseconds.
   */
  private static List<long[]> log(Path dir) throws IOException {
    List<long[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("tx")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] field = line.split(" ");
          out.add(new long[] {Long.parseLong(field[2]) * 1000,
              Long.parseLong(field[4]) * 1_000_000_000L + Long.parseLong(field[5]) * 1000});
        }
      }
    }
    return out;
  }

  /** The transactions that ended after the first {@code warmupSeconds} of the run, and their rate. */
  private static Result measuredAfter(List<long[]> log, int warmupSeconds) {
    long start = log.stream().mapToLong(t -> t[1] - t[0]).min().orElseThrow();
    long end = log.stream().mapToLong(t -> t[1]).max().orElseThrow();
    long from = start + warmupSeconds * 1_000_000_000L;
    long[] measured = log.stream().filter(t -> t[1] > from).mapToLong(t -> t[0]).toArray();
    return new Result(measured.length / ((end - from) / 1e9), measured);
  }
}
