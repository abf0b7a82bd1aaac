package cn.citygrid.backend.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP against pgbench on the same statement, both in their steady state and under the same
 * background load (docs/gis.md, "Measured: ./grid bench tiles"): the backend is loaded, unmeasured,
 * until its JIT is quiet; then pgbench (its first seconds uncounted) and HTTP take turns in short
 * rounds, so what else runs on this shared machine falls on both sides alike.
 */
final class Turns {
  /** Unmeasured start of each pgbench run: its new connections plan the statements (see PgBench). */
  static final int PGBENCH_WARMUP_SECONDS = 2;
  private static final int WARMUP_SLICE_SECONDS = 5;
  private static final int WARMUP_MAX_SECONDS = 90;
  /** Warm-up ends once the JIT compiled for less than this share of a slice's wall time. */
  static final double JIT_QUIET = 0.05;

  /** HTTP load for the given seconds. */
  interface Http {
    HttpLoad.Result run(int seconds) throws Exception;
  }

  /** pgbench for the given seconds, measured after {@code warmupSeconds} more. */
  interface Sql {
    PgBench.Result run(int seconds, int warmupSeconds) throws Exception;
  }

  /**
   * The rounds of each side taken as one, with the CPU each side's turns used (both include
   * PostgreSQL) and the work done in them: pgbench's transactions are estimated as its rate times
   * the whole turn, its unmeasured start included, since that CPU is in the turn too.
   */
  record Measured(PgBench.Result sql, HttpLoad.Result http, Map<String, Long> sqlCpu, double sqlWork,
      Map<String, Long> httpCpu, double httpWork) {
    /** Where each side's CPU went, in µs per unit of work. */
    String cpu(String unit) {
      return "CPU per " + unit + ", pgbench's turns:" + Cpu.perUnit(sqlCpu, sqlWork, unit)
          + "\nCPU per " + unit + ", HTTP turns:" + Cpu.perUnit(httpCpu, httpWork, unit);
    }
  }

  private Turns() {}

  /**
   * Not measured: HTTP load in slices until the JIT has compiled the request path (or the cap).
   * On two cores shared with PostgreSQL the compiler threads of a fresh backend took a quarter of
   * a core 15 s into the load, and methods waiting for C2 ran slowly meanwhile: that is start-up,
   * not what a running server costs.
   */
  static void warmUp(Http http) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    List<String> busy = new ArrayList<>();
    double share;
    do {
      long compiled = jit.getTotalCompilationTime();
      http.run(WARMUP_SLICE_SECONDS);
      share = (jit.getTotalCompilationTime() - compiled) / (WARMUP_SLICE_SECONDS * 1000.0);
      busy.add(String.format("%.0f", share * 100));
    } while (share >= JIT_QUIET && System.nanoTime() - start < WARMUP_MAX_SECONDS * 1_000_000_000L);
    System.out.printf("warm-up: %d s of HTTP load (JIT compiling %s %% of each %d s)%s%n",
        (System.nanoTime() - start) / 1_000_000_000L, String.join(" ", busy), WARMUP_SLICE_SECONDS,
        share >= JIT_QUIET ? ", stopped at the limit before the JIT was quiet" : "");
  }

  /** pgbench then HTTP, {@code rounds} times, {@code seconds} measured each turn. */
  static Measured alternate(int rounds, int seconds, Sql sql, Http http) throws Exception {
    List<PgBench.Result> sqlRounds = new ArrayList<>();
    List<HttpLoad.Result> httpRounds = new ArrayList<>();
    Map<String, Long> sqlCpu = new TreeMap<>();
    Map<String, Long> httpCpu = new TreeMap<>();
    double sqlWork = 0;
    for (int round = 0; round < rounds; round++) {
      Map<String, Long> before = Cpu.snapshot();
      long start = System.nanoTime();
      PgBench.Result r = sql.run(seconds, PGBENCH_WARMUP_SECONDS);
      sqlWork += r.tps() * (System.nanoTime() - start) / 1e9;
      Map<String, Long> between = Cpu.snapshot();
      Cpu.addUsed(sqlCpu, before, between);
      sqlRounds.add(r);
      httpRounds.add(http.run(seconds));
      Cpu.addUsed(httpCpu, between, Cpu.snapshot());
    }
    HttpLoad.Result httpAll = HttpLoad.Result.of(httpRounds);
    return new Measured(PgBench.Result.of(sqlRounds), httpAll, sqlCpu, sqlWork, httpCpu, httpAll.requests());
  }

  /** The 1, 5 and 15 minute load averages (other builds share these cores), or "?" off Linux. */
  static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "?";
    }
  }

  static String latencies(Stats s) {
    return "(p50 " + Stats.fmt(s.ms(0.5)) + " ms, p95 " + Stats.fmt(s.ms(0.95)) + " ms, p99 " + Stats.fmt(s.ms(0.99)) + " ms)";
  }
}
