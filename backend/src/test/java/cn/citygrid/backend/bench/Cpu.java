package cn.citygrid.backend.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went while a bench ran: this JVM by thread group (digits in names folded), the
 * whole JVM, PostgreSQL's processes (ended backends included), the JVM's ended child processes
 * (pgbench), and the JIT's compile time (wall) — nanoseconds.
 * The benches share two cores with PostgreSQL, so a ratio alone does not say which side to work on.
 */
final class Cpu {
  static final String JVM = "(this JVM, all)";
  static final String POSTGRES = "(PostgreSQL)";
  static final String PGBENCH = "(this JVM's ended children: pgbench)";
  static final String JIT = "(JIT compiling, wall)";

  private Cpu() {}

  /** CPU time used so far, by group. */
  static Map<String, Long> snapshot() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new TreeMap<>();
    out.put(JVM, ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
    out.put(POSTGRES, processNanos("postgres", out));
    out.put(PGBENCH, endedChildrenNanos(new File("/proc/self/stat")));
    out.put(JIT, ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000L);
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null) {
        out.merge(t.getThreadName().replaceAll("\\d+", "N"), Math.max(0, mx.getThreadCpuTime(t.getThreadId())), Long::sum);
      }
    }
    return out;
  }

  /** What each group used from {@code before} to {@code after}, added to {@code into}. */
  static void addUsed(Map<String, Long> into, Map<String, Long> before, Map<String, Long> after) {
    after.forEach((k, v) -> into.merge(k, Math.max(0, v - before.getOrDefault(k, 0L)), Long::sum));
  }

  /**
   * The groups that used at least 1 % of {@code work} units' total, in µs per unit (a record, a
   * portrait, a transaction), the JIT left out.
   */
  static String perUnit(Map<String, Long> used, double work, String unit) {
    StringBuilder out = new StringBuilder();
    long total = used.getOrDefault(JVM, 0L) + used.getOrDefault(POSTGRES, 0L) + used.getOrDefault(PGBENCH, 0L);
    used.forEach((k, v) -> {
      if (!k.equals(JIT) && v > 0 && v >= total / 100) {
        out.append(String.format("%n  %-34s %7.1f µs/%s", k, v / 1e3 / work, unit));
      }
    });
    return out.toString();
  }

  /**
   * User + system time of every live process of that name and of the children they reaped (the
   * postmaster's ended backends: pgbench's connections end with it), from /proc in ticks of 10 ms;
   * each process's time also goes into {@code byTitle} under its title, a client backend's port and
   * state left out ("(PostgreSQL) postgres: walwriter", "(PostgreSQL) postgres: citygrid db 127.0.0.1").
   */
  private static long processNanos(String name, Map<String, Long> byTitle) {
    long total = 0;
    String tag = "(" + name + ")";
    File[] procs = new File("/proc").listFiles((d, n) -> n.matches("\\d+"));
    for (File p : procs == null ? new File[0] : procs) {
      try {
        String stat = Files.readString(p.toPath().resolve("stat"));
        if (stat.contains(tag)) {
          String[] f = fields(stat);
          long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]))
              * 10_000_000L;
          total += nanos;
          String title = Files.readString(p.toPath().resolve("cmdline")).replace('\0', ' ').strip();
          title = title.startsWith(name + ":") ? title.replaceAll("\\(\\d+\\).*", "")
              : "server, with its ended backends";
          byTitle.merge(POSTGRES + " " + title, nanos, Long::sum);
        }
      } catch (IOException | RuntimeException e) {
        // The process ended meanwhile.
      }
    }
    return total;
  }

  /** User + system time of the ended children this process waited for. */
  private static long endedChildrenNanos(File stat) {
    try {
      String[] f = fields(Files.readString(stat.toPath()));
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0; // not Linux
    }
  }

  /** The fields of a /proc stat line after the command name, from the state on. */
  private static String[] fields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
