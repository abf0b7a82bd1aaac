package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint seals at most {@code GRID_LEDGER_BATCH_MAX} records, and a full batch is sealed at once rather
 * than at the next interval (here an hour away, so no interval seal can hide the limit).
 */
class LedgerBatchIT {
  static final int BATCH_MAX = 5;
  static TestDatabase db;
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(LedgerBatchIT.class);
    TestApp.seedDemo(db, 300);
    app = TestApp.start(db, Map.of(ConfigKey.LEDGER_BATCH_MAX, String.valueOf(BATCH_MAX),
        ConfigKey.LEDGER_BATCH_INTERVAL, "PT1H"));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void twelveRecords_areSealedAtOnce_inCheckpointsOfAtMostTheBatchMax() throws Exception {
    TestPhone phone = new TestPhone(app.http(), app.login("worker", "Demo@2026"))
        .enrolledAndApproved(app.login("supervisor", "Demo@2026"));
    // The first tick (at start) took the appender lock; without it nothing would seal for an hour.
    assertThat(app.app().appender().leader()).isTrue();
    List<Long> before = checkpointSizes();
    List<RecordEnvelope> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(phone.sign("批量封存 " + i));
    }
    Http.Response r = phone.submitBatch(records, true);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getJsonArray("results").stream().map(o -> (JsonObject) o))
        .hasSize(12)
        .allSatisfy(result -> {
          assertThat(result.getString("status")).isEqualTo("accepted");
          assertThat(result.getJsonObject("receipt")).as("sealed within the request's wait, not an hour later").isNotNull();
        });
    List<Long> sizes = checkpointSizes();
    List<Long> added = sizes.subList(before.size(), sizes.size());
    assertThat(added).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo(before.isEmpty() ? 12L : before.get(before.size() - 1) + 12);
    for (int i = 1; i < sizes.size(); i++) {
      assertThat(sizes.get(i) - sizes.get(i - 1)).as("checkpoint %d after %d", sizes.get(i), sizes.get(i - 1))
          .isBetween(1L, (long) BATCH_MAX);
    }
  }

  static List<Long> checkpointSizes() throws Exception {
    List<Long> sizes = new ArrayList<>();
    try (var c = db.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT size FROM ledger.checkpoint ORDER BY size")) {
      while (rs.next()) {
        sizes.add(rs.getLong(1));
      }
    }
    return sizes;
  }
}
