package cn.citygrid.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backend shutting down must not set a field record aside as unprojectable because of the shutdown: once the
 * projector is stopped, a failing projection leaves its record queued for the next start.
 */
class ProjectorStopIT {
  @Test
  void afterStop_aFailingProjectionLeavesItsRecordQueued_insteadOfSettingItAsideWithAProblem() throws Exception {
    try (TestDatabase db = TestDatabase.create(ProjectorStopIT.class)) {
      TestApp.seedDemo(db, 600);
      try (TestApp app = TestApp.start(db)) {
        Projector projector = app.app().sync().projector();
        projector.stop();
        String supervisor = app.login("supervisor", "Demo@2026");
        TestPhone phone = new TestPhone(app.http(), app.login("worker", "Demo@2026")).enrolledAndApproved(supervisor);
        List<Object[]> found = db.rows("""
            SELECT h.id::text, p.id::text, p.name FROM grid.house h
            JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL JOIN grid.person p ON p.id = r.person_id
            WHERE h.grid_code = (SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id
                                 WHERE a.username = 'worker')
            ORDER BY h.id, p.id LIMIT 1""");
        String house = (String) found.get(0)[0];
        RecordEnvelope record = phone.sign(SyncIT.VISIT, SyncIT.visit(house, List.of(SyncIT.member("person_id",
            found.get(0)[1], "name", found.get(0)[2], "residence_kind", "owner", "moved_out", "no", "present", "yes"))),
            List.of(), Instant.now());
        JsonObject result = SyncIT.only(phone.sync("records", List.of(record)));
        assertThat(result.getString("status")).as(result.encode()).isEqualTo("accepted");
        // A failure that is the record's kind of failure (not a lost connection): projecting it cleanly is refused.
        db.execute("""
            CREATE FUNCTION public.refuse_clean_projection() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.problem IS NULL THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_clean BEFORE INSERT ON sync.projection FOR EACH ROW
              EXECUTE FUNCTION public.refuse_clean_projection()""");

        Throwable failed = null;
        try {
          projector.drain().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failed = e.getCause();
        }
        assertThat(failed).as("the drain reports the failure").isNotNull().hasMessageContaining("refused by the test");
        assertThat(db.scalar("SELECT count(*) FROM sync.projection_queue WHERE record_id = '" + record.recordId() + "'"))
            .as("still queued").isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM sync.projection WHERE record_id = '" + record.recordId() + "'"))
            .as("not set aside with the failure as its problem").isEqualTo("0");
      }
    }
  }
}
