package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tamper audit finds what plain SQL did behind the log's back. */
class AuditIT {
  TestDatabase db;
  TestApp app;
  List<RecordEnvelope> records = new ArrayList<>();

  @BeforeEach
  void logSomeRecords() throws Exception {
    db = TestDatabase.create(AuditIT.class);
    TestApp.seedDemo(db, 400);
    app = TestApp.start(db);
    TestPhone phone = new TestPhone(app.http(), app.login("worker", "Demo@2026")).enrolledAndApproved(app.login("supervisor", "Demo@2026"));
    for (int batch = 0; batch < 3; batch++) {
      List<RecordEnvelope> some = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        some.add(phone.sign("批次 " + batch + " 第 " + i + " 条"));
      }
      phone.submitBatch(some, true);
      records.addAll(some);
    }
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
    db.close();
  }

  AuditReport audit() throws Exception {
    return app.app().audit().run().toCompletionStage().toCompletableFuture().get();
  }

  void sql(String statement) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** A tamperer owns the database: the log's append-only guard is the first thing they switch off. */
  void tamper(String statement) throws Exception {
    sql("ALTER TABLE ledger.record DISABLE TRIGGER record_append_only");
    sql(statement);
  }

  @Test
  void theLog_refusesChangesByPlainSql() {
    String id = records.get(0).recordId();
    for (String change : List.of("UPDATE ledger.record SET payload = '{}' WHERE id = '" + id + "'",
        "DELETE FROM ledger.record WHERE id = '" + id + "'", "TRUNCATE ledger.record CASCADE")) {
      assertThatThrownBy(() -> sql(change)).as(change).hasMessageContaining("ledger.record is append-only");
    }
  }

  @Test
  void untouchedLog_isIntact() throws Exception {
    AuditReport report = audit();
    assertThat(report.findings()).isEmpty();
    assertThat(report.leaves()).isEqualTo(15);
    assertThat(report.checkpoints()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theAuditCommand_saysOk_thenNamesTheAlteredRecord_withItsExitStatus() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GridConfig config = TestApp.config(db, Map.of());
    assertThat(AuditCommand.run(config, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("leaves recomputed: 15").contains("OK: every leaf");
    String id = records.get(3).recordId();
    tamper("UPDATE ledger.record SET payload = jsonb_set(payload, '{note}', '\"改过\"') WHERE id = '" + id + "'");
    out.reset();
    assertThat(AuditCommand.run(config, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("PROBLEM").contains(id).contains("FAILED: 1 problem(s)");
  }

  /** The leader re-audits on its own every {@code GRID_LEDGER_AUDIT_INTERVAL} and exports what it found. */
  @Test
  void theScheduledAudit_reportsTamperingInItsMetric() throws Exception {
    app.close();
    app = TestApp.start(db, Map.of(ConfigKey.LEDGER_AUDIT_INTERVAL, "PT0.2S"));
    assertThat(auditProblemsMetric(found -> found == 0)).isZero();
    tamper("UPDATE ledger.record SET payload = jsonb_set(payload, '{note}', '\"改过\"') WHERE id = '" + records.get(11).recordId() + "'");
    assertThat(auditProblemsMetric(found -> found > 0)).isPositive();
  }

  /** The exported problem count, read until it satisfies {@code wanted} (each read is a real scrape; 60 s at most). */
  double auditProblemsMetric(java.util.function.DoublePredicate wanted) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    double found = -1;
    while (System.nanoTime() < deadline) {
      found = app.http().get("/metrics", null).body().lines().filter(l -> l.startsWith("citygrid_ledger_audit_problems "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
      if (wanted.test(found)) {
        return found;
      }
      app.app().appender().nextTick().toCompletionStage().toCompletableFuture().join();
    }
    return found;
  }

  @Test
  void aRecordEditedWithPlainSql_isReportedAltered() throws Exception {
    String id = records.get(7).recordId();
    tamper("UPDATE ledger.record SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '第 2 条', '第 9 条'), 'UTF8'),"
        + " payload = jsonb_set(payload, '{note}', '\"批次 1 第 9 条\"') WHERE id = '" + id + "'");
    assertThat(audit().findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AuditReport.Kind.altered);
      assertThat(f.recordId()).isEqualTo(id);
    });
  }

  @Test
  void aPayloadColumnEditedAlone_isReportedAltered() throws Exception {
    String id = records.get(3).recordId();
    tamper("UPDATE ledger.record SET payload = jsonb_set(payload, '{note}', '\"改过\"') WHERE id = '" + id + "'");
    assertThat(audit().findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AuditReport.Kind.altered);
      assertThat(f.detail()).contains("payload");
    });
  }

  /** What a tamperer removing records would also have to remove: the sync server's rows about them. */
  void forgetSyncOf(String ids) throws Exception {
    for (String table : List.of("sync.projection", "sync.projection_queue")) {
      sql("DELETE FROM " + table + " WHERE record_id IN " + ids);
    }
  }

  @Test
  void aDeletedRecord_isReportedMissing() throws Exception {
    // Removing a record from the log needs its leaf, its row and what refers to it (sync bookkeeping) to go.
    forgetSyncOf("(SELECT record_id FROM ledger.leaf WHERE idx = 6)");
    tamper("WITH gone AS (DELETE FROM ledger.leaf WHERE idx = 6 RETURNING record_id) "
        + "DELETE FROM ledger.record WHERE id IN (SELECT record_id FROM gone)");
    assertThat(audit().findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AuditReport.Kind.missing);
      assertThat(f.leafIndex()).isEqualTo(6);
    });
  }

  @Test
  void aRecordRowDeletedAlone_isReportedMissing() throws Exception {
    sql("ALTER TABLE ledger.leaf DROP CONSTRAINT leaf_record_id_fkey");
    forgetSyncOf("(SELECT record_id FROM ledger.leaf WHERE idx = 4)");
    tamper("DELETE FROM ledger.record WHERE id = (SELECT record_id FROM ledger.leaf WHERE idx = 4)");
    assertThat(audit().findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AuditReport.Kind.missing);
      assertThat(f.leafIndex()).isEqualTo(4);
    });
  }

  @Test
  void aBackDatedInsertion_isReportedOutOfOrder() throws Exception {
    // Move a sealed record's receive time past the checkpoint that contains it and re-hash it
    // consistently: only the order against the signed checkpoint time gives it away.
    tamper("UPDATE ledger.record SET received_at = received_at + interval '1 day' "
        + "WHERE id = (SELECT record_id FROM ledger.leaf WHERE idx = 2)");
    assertThat(audit().findings()).extracting(AuditReport.Finding::kind).contains(AuditReport.Kind.out_of_order);
  }

  @Test
  void aRewrittenCheckpoint_isReported() throws Exception {
    sql("UPDATE ledger.checkpoint SET note = replace(note, '— ', '— x') WHERE size = (SELECT max(size) FROM ledger.checkpoint)");
    assertThat(audit().findings()).extracting(AuditReport.Finding::kind).contains(AuditReport.Kind.checkpoint_signature);
  }
}
