package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
