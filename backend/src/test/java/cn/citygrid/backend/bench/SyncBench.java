package cn.citygrid.backend.bench;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.ledger.LedgerRepository.NewRecord;
import cn.citygrid.backend.testing.BlockedThreadRecorder;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * {@code ./grid bench sync [devices=2000] [records=50] [batch=50] [concurrency=64] [connections=16]
 * [warm=3000] [http=on|off] [pouch=inline|skip|off] [pouchdb=DIR]}: phones uploading signed records and photos through the
 * real sync flow over HTTP; the intake's SQL alone against pipelined INSERTs of the same rows; the
 * same documents pushed into pouchdb-server with {@code _bulk_docs} — one run, ratios printed. Up to {@code warm}
 * further devices upload first, untimed, to both servers alike, until the JIT compiler is quiet.
 */
public final class SyncBench {
  private static final String PASSWORD = "Demo@2026";

  private SyncBench() {}

  record Args(int devices, int records, int batch, int concurrency, int connections, int warm, boolean upload,
      String pouch, Path pouchdb) {
    static Args parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String a : args) {
        if (a.isBlank()) {
          continue;
        }
        String[] kv = a.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("got " + a + ", want name=value");
        }
        m.put(kv[0], kv[1]);
      }
      String pouch = m.getOrDefault("pouch", "inline");
      if (!List.of("inline", "skip", "off").contains(pouch)) {
        throw new IllegalArgumentException("got pouch=" + pouch + ", want inline, skip or off");
      }
      int devices = num(m, "devices", 2000);
      int warm = num(m, "warm", 3000);
      if (devices < 1 || warm < 0) {
        throw new IllegalArgumentException("got devices=" + devices + " warm=" + warm + ", want devices ≥ 1 and warm ≥ 0");
      }
      return new Args(devices, num(m, "records", 50), num(m, "batch", 50), num(m, "concurrency", 64),
          num(m, "connections", 16), warm, !m.getOrDefault("http", "on").equals("off"), pouch,
          Path.of(m.getOrDefault("pouchdb", defaultPouchdb())));
    }

    private static int num(Map<String, String> m, String key, int fallback) {
      return Integer.parseInt(m.getOrDefault(key, String.valueOf(fallback)));
    }

    /** {@code .grid/pouchdb} of the checkout, whether Maven runs us from its root or from backend/. */
    private static String defaultPouchdb() {
      Path here = Path.of("").toAbsolutePath();
      for (Path p = here; p != null; p = p.getParent()) {
        if (Files.exists(PouchReplication.bin(p.resolve(".grid/pouchdb")))) {
          return p.resolve(".grid/pouchdb").toString();
        }
      }
      return here.resolve(".grid/pouchdb").toString();
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    System.out.printf("== sync benchmark: %d cores (shared with other builds on this machine: figures are noisy) ==%n",
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%,d devices × %d records, batches of %d, %d devices at a time; photo every 10th record;"
        + " up to %,d more devices to warm up%n", args.devices(), args.records(), args.batch(), args.concurrency(), args.warm());
    SyncReport report = new SyncReport();
    SyncWorkload workload;
    Uploaded http;
    List<String[]> deviceRows;
    // The photos (2 GB at the default size) go to a folder of our own, deleted when the run ends.
    Path objects = Files.createTempDirectory("citygrid-syncbench-objects");
    try (TestDatabase db = TestDatabase.create(SyncBench.class)) {
      TestApp.seedDemo(db, 600);
      try (Closing app = new Closing(TestApp.start(db, Map.of(ConfigKey.HTTP_INSTANCES, "2",
          ConfigKey.WORKER_POOL_SIZE, "2", ConfigKey.DB_POOL_SIZE, String.valueOf(args.connections()),
          ConfigKey.AUTH_ACCESS_TTL, "PT4H", ConfigKey.OBJECTS_DIR, objects.toString())), report)) {
        List<TestPhone> phones = enroll(app.app, args.warm() + args.devices());
        workload = presign(phones, houses(db), args);
        http = args.upload() ? upload(app.app, phones.get(0).token(), workload, args, report) : null;
        deviceRows = devices(db);
      }
    } finally {
      PouchReplication.deleteTree(objects);
    }
    report.load("after the HTTP stage");
    if (http != null) {
      report.http(http.result(), workload);
    } else {
      report.note("HTTP stage not run (http=off): devices enrolled and records signed only, for the other stages");
    }
    report.sql(sqlStage(workload.slice(args.warm(), workload.devices().size()), deviceRows, args, report));
    if (!args.pouch().equals("off")) {
      report.pouch(pouchStage(workload, args, http == null ? fixedWarmUp(args) : http.warmDevices(), report), args.pouch());
    } else {
      report.note("pouchdb-server stage not run (pouch=off)");
    }
    report.load("end");
    report.print();
  }

  /**
   * The first {@code warm} devices are for warming up, the last {@code devices} are measured. Warm-up devices upload
   * before the clock, {@code concurrency} at a time, until a round kept the JIT compiler busy for less than
   * {@link Turns#JIT_QUIET} of its wall time (as the portrait and tile benches wait) or all {@code warm} have gone:
   * on the two shared cores a fresh backend still compiled for a core's worth of wall time after 1,000 devices
   * (80 s), and 4–29 % after 2,800–3,000 (170–190 s) — start-up, not what a running server costs. The
   * pouchdb-server stage receives the same warm-up devices' documents first.
   */
  private static Uploaded upload(TestApp app, String token, SyncWorkload workload, Args args, SyncReport report)
      throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int warm = 0;
    long warmRecords = 0;
    double share = 1;
    List<String> busy = new ArrayList<>();
    long start = System.nanoTime();
    while (warm < args.warm() && share >= Turns.JIT_QUIET) {
      int to = Math.min(args.warm(), warm + args.concurrency());
      long compiled = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      try (SyncUploads uploads = new SyncUploads(app.http().base(), token, workload.slice(warm, to), args.concurrency())) {
        warmRecords += uploads.run(args.concurrency()).accepted();
      }
      share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - t0) / 1e6);
      busy.add(String.format("%.0f", share * 100));
      warm = to;
    }
    double warmSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("warm-up: %,d devices' records uploaded before the clock in %.0f s (JIT compiling %s %% of each"
        + " round's wall time)%s%n", warm, warmSeconds, String.join(" ", busy),
        share >= Turns.JIT_QUIET ? ", stopped at the limit before the JIT was quiet" : "");
    report.note(String.format("warm-up, ours: %,d records at %s records/s, untimed (the JIT compiling meanwhile)",
        warmRecords, Stats.fmt(warmRecords / warmSeconds)));
    System.out.printf("uploading (clock running)…%n");
    report.load("HTTP stage");
    long compiled = jit.getTotalCompilationTime();
    long t0 = System.nanoTime();
    try (SyncUploads uploads = new SyncUploads(app.http().base(), token,
        workload.slice(args.warm(), workload.devices().size()), args.concurrency())) {
      SyncUploads.Result r = uploads.run(args.concurrency());
      report.note(String.format("HTTP stage after %,d devices of warm-up; while measured: %s", warm,
          jitTime(jit, compiled, t0)));
      return new Uploaded(r, warm);
    }
  }

  /** The measured upload and how many devices warmed up before it. */
  private record Uploaded(SyncUploads.Result result, int warmDevices) {}

  /** With no HTTP stage to measure the JIT by: as many devices as are measured, at least one round of {@code concurrency}. */
  static int fixedWarmUp(Args args) {
    return Math.min(args.warm(), Math.max(args.concurrency(), args.devices()));
  }

  /** Time spent compiling (summed over the JIT's threads, waiting for a core included) against the wall time. */
  private static String jitTime(CompilationMXBean jit, long compiledBefore, long startNanos) {
    return String.format("JIT compilations took %.1f s over %.1f s", (jit.getTotalCompilationTime() - compiledBefore) / 1e3,
        (System.nanoTime() - startNanos) / 1e9);
  }

  /** Enrolls through the API (POST /devices, then a supervisor's approve), eight requests at a time. */
  private static List<TestPhone> enroll(TestApp app, int devices) throws Exception {
    String worker = app.login("worker", PASSWORD);
    String supervisor = app.login("supervisor", PASSWORD);
    long t0 = System.nanoTime();
    List<TestPhone> phones = new ForkJoinPool(8).submit(() -> IntStream.range(0, devices).parallel()
        .mapToObj(i -> new TestPhone(app.http(), worker).enrolledAndApproved(supervisor)).toList()).get();
    System.out.printf("enrolled and approved %,d devices through the API (POST /api/v1/devices + approve) in %.1f s%n",
        devices, (System.nanoTime() - t0) / 1e9);
    return phones;
  }

  private static SyncWorkload presign(List<TestPhone> phones, List<SyncWorkload.House> houses, Args args) {
    long t0 = System.nanoTime();
    SyncWorkload w = SyncWorkload.sign(phones, houses, args.records(), args.batch());
    System.out.printf("pre-signed %,d records (SM2) and hashed %,d photos of %,d bytes (SM3) in %.1f s, before the clock%n",
        w.records(), w.photos(), w.pictureSize() + 0L, (System.nanoTime() - t0) / 1e9);
    return w;
  }

  /** Occupied houses of the worker's grid, each with one of its residents. */
  private static List<SyncWorkload.House> houses(TestDatabase db) throws Exception {
    List<SyncWorkload.House> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT h.id, min(r.person_id) FROM grid.house h JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL
        WHERE h.grid_code = (SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id
                             WHERE a.username = 'worker')
        GROUP BY h.id ORDER BY h.id""")) {
      while (rs.next()) {
        out.add(new SyncWorkload.House(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  /** The enrolled devices (id, public key, key id), to store them again in the database-stage database. */
  private static List<String[]> devices(TestDatabase db) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, encode(public_key, 'hex'), key_id FROM ledger.device")) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return out;
  }

  /** A fresh database with the same accounts and devices (inserted directly), so the same rows are new there. */
  private static IntakeSqlBench.Result sqlStage(SyncWorkload workload, List<String[]> devices, Args args, SyncReport report)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(IntakeSqlBench.class)) {
      TestApp.seedDemo(db, 600);
      long account;
      try (Connection c = db.connect()) {
        account = insertDevices(c, devices);
      }
      List<List<RecordEnvelope>> batches = workload.devices().stream().flatMap(d -> d.batches().stream())
          .map(SyncWorkload.Batch::records).toList();
      List<List<NewRecord>> rows = IntakeSqlBench.rows(batches, account);
      System.out.printf("database stage: %,d rows in %,d batches, %d connections…%n",
          rows.stream().mapToLong(List::size).sum(), rows.size(), args.connections());
      report.load("database stage");
      return new IntakeSqlBench(db.config(), args.connections()).run(rows);
    }
  }

  private static long insertDevices(Connection c, List<String[]> devices) throws Exception {
    long account;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM auth.account WHERE username = 'worker'")) {
      rs.next();
      account = rs.getLong(1);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger.device (id, account_id, public_key, key_id, status)"
        + " VALUES (?, ?, decode(?, 'hex'), ?, 'approved')")) {
      for (String[] d : devices) {
        ps.setString(1, d[0]);
        ps.setLong(2, account);
        ps.setString(3, d[1]);
        ps.setString(4, d[2]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return account;
  }

  private static PouchReplication.Run pouchStage(SyncWorkload workload, Args args, int warmDevices, SyncReport report)
      throws Exception {
    if (!Files.exists(PouchReplication.bin(args.pouchdb()))) {
      throw new IllegalStateException("no pouchdb-server under " + args.pouchdb() + ": npm install --prefix "
          + args.pouchdb() + " pouchdb-server@4.2.0 --ignore-scripts (or pass pouch=off)");
    }
    System.out.printf("pouchdb-server stage (%s)…%n", args.pouch().equals("inline") ? "photos as inline attachments"
        : "photos skipped");
    report.load("pouchdb-server stage");
    return new PouchReplication(args.pouchdb(), workload, args.pouch().equals("inline"))
        .run(args.concurrency(), warmDevices, args.warm());
  }

  /** Closes the app; blocked-event-loop warnings under this load are counted in the report, not thrown with the figures lost. */
  private record Closing(TestApp app, SyncReport report) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      int blocked = BlockedThreadRecorder.drain().size();
      app.close();
      if (blocked > 0) {
        report.note("the server's event loops were reported blocked > " + TestApp.MAX_EVENT_LOOP_MS + " ms " + blocked
            + " times (test checker; 2 shared cores under full load)");
      }
    }
  }
}
