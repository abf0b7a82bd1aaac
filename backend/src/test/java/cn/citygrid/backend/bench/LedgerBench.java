package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./grid bench ledger}: the single-thread SM2 verify baseline, signed records accepted over
 * HTTP with both cores (and the accept → sealed-checkpoint delay), and receipts from a log of
 * 10,000,000 leaves — all measured in one run, printed with ratios against the targets.
 */
public final class LedgerBench {
  private LedgerBench() {}

  /**
   * {@code ./grid bench ledger [intake] [proofs]}: every part, or the named ones (intake includes the
   * verify baseline its ratio needs).
   */
  public static void main(String[] args) throws Exception {
    Set<String> parts = args.length == 0 ? Set.of("intake", "proofs") : Set.of(args);
    if (!Set.of("intake", "proofs").containsAll(parts)) {
      throw new IllegalArgumentException("usage: ./grid bench ledger [intake] [proofs]");
    }
    System.out.println("== ledger benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");
    double baseline = 0;
    double ceiling = 0;
    IntakeBench.Result intake = null;
    if (parts.contains("intake")) {
      baseline = verifyBaseline();
      System.out.printf("baseline: single-thread SM2 verify, cached key: %s verifies/s%n", Stats.fmt(baseline));
      ceiling = verifyOnThreads(Runtime.getRuntime().availableProcessors());
      System.out.printf("the same loop on every core at once: %s verifies/s%n", Stats.fmt(ceiling));
      try (TestDatabase db = TestDatabase.create(LedgerBench.class)) {
        TestApp.seedDemo(db, 600);
        try (TestApp app = TestApp.start(db, Map.of(ConfigKey.HTTP_INSTANCES, "2", ConfigKey.WORKER_POOL_SIZE, "2",
            ConfigKey.DB_POOL_SIZE, "16"))) {
          intake = new IntakeBench(app).run(32, 1500, 100);
        }
      }
    }
    ProofBench.Result proofs = parts.contains("proofs") ? new ProofBench().run(10_000_000L, 2000) : null;

    System.out.println();
    System.out.println("| measure | figure | target | ratio / verdict |");
    System.out.println("|---|---|---|---|");
    if (intake != null) {
      double ratio = intake.recordsPerSecond() / baseline;
      row("SM2 verify, 1 thread (baseline)", Stats.fmt(baseline) + " /s", "—", "1.00");
      row("SM2 verify alone, every core (ceiling of any intake)", Stats.fmt(ceiling) + " /s", "—",
          String.format("%.2f×", ceiling / baseline));
      row("records accepted over HTTP, 2 cores", Stats.fmt(intake.recordsPerSecond()) + " /s", "≥ 1.5× baseline",
          String.format("%.2f× %s", ratio, ratio >= 1.5 ? "MET" : "MISSED"));
      row("accept → sealed checkpoint p95", Stats.fmt(intake.sealP95Ms()) + " ms", "≤ 2000 ms",
          intake.sealP95Ms() <= 2000 ? "MET" : "MISSED");
    }
    if (proofs != null) {
      proofRows(proofs);
    }
  }

  private static void proofRows(ProofBench.Result proofs) {
    row("receipt from a 10,000,000-leaf log p99", Stats.fmt(proofs.p99Ms()) + " ms (p50 " + Stats.fmt(proofs.p50Ms()) + ")",
        "≤ 5 ms", proofs.p99Ms() <= 5 ? "MET" : "MISSED");
    row("longest inclusion proof", proofs.longestProof() + " hashes", "⌈log2 N⌉ = " + proofs.bound(),
        proofs.longestProof() == proofs.bound() && proofs.allWithinBound() ? "MET" : "MISSED");
  }

  private static void row(String what, String figure, String target, String verdict) {
    System.out.println("| " + what + " | " + figure + " | " + target + " | " + verdict + " |");
  }

  /**
   * The same loop on {@code threads} threads at once, each with its own key: what the machine's cores
   * give signature checks alone, with nothing else running (the ceiling of any intake here).
   */
  static double verifyOnThreads(int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> each = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        each.add(pool.submit(LedgerBench::verifyBaseline));
      }
      double sum = 0;
      for (Future<Double> f : each) {
        sum += f.get();
      }
      return sum;
    } finally {
      pool.shutdown();
    }
  }

  /** Verifies pre-made signatures in a loop on one thread for about five seconds. */
  static double verifyBaseline() {
    Sm2KeyPair keys = Sm2.generateKeyPair();
    byte[][] messages = new byte[256][];
    byte[][] signatures = new byte[256][];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = ("{\"record\":" + i + ",\"payload\":\"入户走访记录示例\"}").repeat(8).getBytes(StandardCharsets.UTF_8);
      signatures[i] = Sm2.sign(keys.privateKey(), Sm2.DEFAULT_USER_ID, messages[i]);
    }
    for (int i = 0; i < 2000; i++) {
      Sm2.verify(keys.publicKey(), Sm2.DEFAULT_USER_ID, messages[i % 256], signatures[i % 256]);
    }
    long start = System.nanoTime();
    long count = 0;
    while (System.nanoTime() - start < 5_000_000_000L) {
      for (int i = 0; i < 256; i++) {
        if (!Sm2.verify(keys.publicKey(), Sm2.DEFAULT_USER_ID, messages[i], signatures[i])) {
          throw new IllegalStateException("a good signature did not verify");
        }
      }
      count += 256;
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
