package cn.citygrid.backend.bench;

import java.util.ArrayList;
import java.util.List;

/** The sync benchmark's figures as a Markdown table, each ratio with its target and verdict, then notes. */
final class SyncReport {
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private double recordsPerSecond = Double.NaN;

  private final List<String> loads = new ArrayList<>();

  /** The machine's 1-minute load average now: how much else was running (2 cores; other builds share them). */
  void load(String when) {
    try {
      loads.add(when + " " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      loads.add(when + " ?");
    }
  }

  void note(String note) {
    notes.add(note);
  }

  void http(SyncUploads.Result r, SyncWorkload w) {
    recordsPerSecond = r.recordsPerSecond();
    Stats acks = new Stats(r.ackNanos());
    Stats photos = new Stats(r.photoNanos());
    System.out.printf("uploaded: %,d records accepted and %,d photos in %.2f s%n", r.accepted(), r.photos(), r.seconds());
    rows.add(row("accepted records/s, sync over HTTP (verify + form check + attachment check + store + receipt)",
        Stats.fmt(recordsPerSecond) + " /s (" + String.format("%,d records, %,d photos, %.1f s", r.accepted(), r.photos(),
            r.seconds()) + ")", "—", "—", "figure"));
    rows.add(row("ack latency per POST /sync/records (" + acks.count() + " requests)", "p99 " + Stats.fmt(acks.ms(0.99))
        + " ms (p50 " + Stats.fmt(acks.ms(0.5)) + ")", "—", "—", "figure"));
    rows.add(row("photo upload per batch: slots + PUT to S3 + complete (" + photos.count() + " batches)", "p99 "
        + Stats.fmt(photos.ms(0.99)) + " ms (p50 " + Stats.fmt(photos.ms(0.5)) + ")", "—", "—", "figure"));
    if (r.putRetries() > 0) {
      notes.add(r.putRetries() + " photo PUTs answered 500 by the in-process S3 and were repeated (s3proxy's filesystem"
          + " store removes an emptied incoming/<account>/ folder under a concurrent PUT; all devices here share one account)");
    }
    notes.add(String.format("photos: one %,d-byte 1024×768 JPEG made distinct per record by a comment segment; "
        + "the server hashes each with SM3 (thumbnails are made when the web admin first asks, so none here)", w.pictureSize()));
  }

  void sql(IntakeSqlBench.Result r) {
    double ratio = r.ratio();
    rows.add(row("database stage: intake SQL (one statement: record, sealing and projection queues, arrival note) over "
            + String.format("%,d", r.rows()) + " rows", Stats.fmt(r.intakePerSecond()) + " rows/s",
        "pipelined single-row INSERTs into a scratch ledger.record copy " + Stats.fmt(r.baselinePerSecond()) + " rows/s",
        "≥ 0.7×", verdict(ratio, ratio >= 0.7)));
  }

  void pouch(PouchReplication.Run run, String mode) {
    PouchReplication.Result r = run.measured();
    notes.add(String.format("warm-up, pouchdb-server: the same %,d documents at %s docs/s into its empty store;"
        + " measured after them, as ours", run.warm().docs(), Stats.fmt(run.warm().docsPerSecond())));
    double ratio = recordsPerSecond / r.docsPerSecond();
    String verdict = Double.isNaN(ratio) ? "n/a (http=off)" : verdict(ratio, ratio >= 1);
    Stats bulk = new Stats(r.nanos());
    rows.add(row("ours vs pouchdb-server _bulk_docs (" + (mode.equals("inline") ? "photos as inline base64 attachments"
            : "photos skipped") + ")", Stats.fmt(recordsPerSecond) + " records/s",
        "pouchdb-server " + Stats.fmt(r.docsPerSecond()) + " docs/s (" + String.format("%,d docs, %.1f s", r.docs(),
            r.seconds()) + "; _bulk_docs p99 " + Stats.fmt(bulk.ms(0.99)) + " ms)", "≥ 1×", verdict));
    notes.add("we verify every SM2 signature, validate every answer against its form, check attachments and anchor each"
        + " record in the signed Merkle log before acking; pouchdb-server does none of that, and LevelDB does not fsync"
        + " each write (PostgreSQL here: fsync=on, synchronous_commit=on)");
  }

  void print() {
    System.out.println();
    System.out.println("| measure | figure | baseline (same run) | target | ratio / verdict |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    notes.forEach(n -> System.out.println("- " + n));
    System.out.println("- 1-minute load average (2 cores) at: " + String.join(", ", loads));
  }

  private static String verdict(double ratio, boolean met) {
    return String.format("%.2f× %s", ratio, met ? "MET" : "MISSED");
  }

  private static String row(String what, String figure, String baseline, String target, String verdict) {
    return "| " + what + " | " + figure + " | " + baseline + " | " + target + " | " + verdict + " |";
  }
}
