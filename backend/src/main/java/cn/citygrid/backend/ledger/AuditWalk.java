package cn.citygrid.backend.ledger;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The audit's state while it walks the leaves in order (worker thread only). */
final class AuditWalk {
  private final AuditReport report;
  private final MerkleAppender tree;
  private final TreeMap<Long, Row> checkpoints;
  private final NoteVerifier logKey;
  private final Map<String, Sm2PublicKey> keys = new HashMap<>();
  private Instant lastReceived = Instant.EPOCH;
  private long batchStart;

  AuditWalk(AuditReport report, MerkleAppender tree, TreeMap<Long, Row> checkpoints, NoteVerifier logKey) {
    this.report = report;
    this.tree = tree;
    this.checkpoints = checkpoints;
    this.logKey = logKey;
  }

  /** Walks a chunk; false when the tree cannot be rebuilt past a gap (the report says where). */
  boolean leaves(java.util.List<Row> rows) {
    try {
      rows.forEach(this::leaf);
      return true;
    } catch (AuditStop stop) {
      return false;
    }
  }

  private void leaf(Row r) {
    long index = r.getLong("leaf_index");
    String id = r.getString("record_id");
    if (r.getString("id") == null) {
      report.add(AuditReport.Kind.missing, index, id, "the log holds this record but its row is gone (deleted?)");
      throw new AuditStop();
    }
    if (index > tree.size()) {
      report.add(AuditReport.Kind.missing, tree.size(), null, "leaves " + tree.size() + ".." + (index - 1)
          + " have no record (deleted?); the tree cannot be recomputed past them");
      throw new AuditStop();
    }
    byte[] leaf = recompute(r, index, id);
    checkReceivedOrder(r, index, id);
    tree.append(leaf);
    report.leafChecked();
    checkpointsUpTo(tree.size());
  }

  private byte[] recompute(Row r, long index, String id) {
    try {
      RecordEnvelope e = RecordEnvelope.parse(new String(r.getBuffer("canonical").getBytes(), StandardCharsets.UTF_8));
      String problem = envelopeProblem(r, e, id);
      if (problem != null) {
        report.add(AuditReport.Kind.altered, index, id, problem);
      }
      byte[] leaf = new LogEntry(e, r.getOffsetDateTime("received_at").toInstant()).leafHash(TreeHasher.SM3);
      if (!Arrays.equals(leaf, r.getBuffer("leaf_hash").getBytes()) || r.getBuffer("node") == null
          || !Arrays.equals(leaf, r.getBuffer("node").getBytes())) {
        report.add(AuditReport.Kind.altered, index, id, "stored leaf hash or tree node differs from the leaf recomputed from the record");
      }
      return leaf;
    } catch (RuntimeException ex) {
      report.add(AuditReport.Kind.altered, index, id, "stored envelope no longer parses: " + ex.getMessage());
      return r.getBuffer("leaf_hash").getBytes();
    }
  }

  private String envelopeProblem(Row r, RecordEnvelope e, String id) {
    if (!e.recordId().equals(id)) {
      return "row id differs from the envelope's record id";
    }
    if (!Jcs.canonicalizeJson(r.getString("payload")).equals(Jcs.canonicalize(e.payload()))) {
      return "payload column differs from the signed envelope";
    }
    if (r.getBuffer("public_key") == null) {
      return "its device is gone";
    }
    Sm2PublicKey key = keys.computeIfAbsent(e.keyId(), k -> Sm2PublicKey.fromSpki(r.getBuffer("public_key").getBytes()));
    try {
      e.verify(key);
      return null;
    } catch (RuntimeException ex) {
      return "envelope: " + ex.getMessage();
    }
  }

  /** Within a sealed batch the appender orders by receive time; a later insertion breaks that or its checkpoint time. */
  private void checkReceivedOrder(Row r, long index, String id) {
    Instant received = r.getOffsetDateTime("received_at").toInstant();
    if (index > batchStart && received.isBefore(lastReceived)) {
      report.add(AuditReport.Kind.out_of_order, index, id, "received " + received + " before the previous leaf (" + lastReceived + ")");
    }
    var covering = checkpoints.higherEntry(index);
    if (covering != null) {
      Instant signed = Checkpoint.parse(SignedNote.parse(covering.getValue().getString("note")).text()).timestamp().orElse(null);
      if (signed != null && received.isAfter(signed)) {
        report.add(AuditReport.Kind.out_of_order, index, id, "received " + received + " after checkpoint "
            + covering.getKey() + " that contains it was signed (" + signed + ")");
      }
    }
    lastReceived = received;
  }

  void checkpointsUpTo(long size) {
    Row c = checkpoints.get(size);
    if (c != null) {
      String problem = LedgerAudit.checkpointProblem(c, tree.root(), logKey);
      if (problem != null) {
        report.add(problem.startsWith("signature") ? AuditReport.Kind.checkpoint_signature
            : AuditReport.Kind.checkpoint_mismatch, null, null, "checkpoint " + size + ": " + problem);
      }
      report.checkpointChecked();
      batchStart = size;
    }
  }

  void finish() {
    long latest = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
    if (tree.size() < latest) {
      report.add(AuditReport.Kind.missing, tree.size(), null, "checkpoint " + latest + " claims " + latest
          + " leaves, the stored records give " + tree.size());
    } else if (tree.size() > latest) {
      report.add(AuditReport.Kind.unsealed_beyond_log, latest, null, (tree.size() - latest)
          + " records carry leaf indexes no checkpoint covers");
    }
  }

  /** Thrown to stop walking where the tree cannot be rebuilt; the report already says why. */
  static final class AuditStop extends RuntimeException {
    AuditStop() {
      super(null, null, false, false);
    }
  }
}
