package cn.citygrid.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two backends on one database: one appender at a time; when it goes, the other takes over. */
class LeaderIT {
  @Test
  void oneNodeAppends_andTheOtherTakesOverWhenItStops() throws Exception {
    try (TestDatabase db = TestDatabase.create(LeaderIT.class)) {
      TestApp.seedDemo(db, 400);
      TestApp first = TestApp.start(db);
      TestApp second = TestApp.start(db);
      try {
        TestApp leader = await(first, second);
        TestApp follower = leader == first ? second : first;
        assertThat(follower.app().appender().leader()).isFalse();

        TestPhone phone = new TestPhone(follower.http(), follower.login("worker", "Demo@2026"))
            .enrolledAndApproved(follower.login("supervisor", "Demo@2026"));
        RecordEnvelope before = phone.sign("换届前");
        assertThat(phone.submit(before, true).json().getJsonObject("receipt")).isNotNull();

        leader.close();
        TestApp survivor = await(follower);
        RecordEnvelope after = phone.sign("换届后");
        var receipt = phone.submit(after, true).json().getJsonObject("receipt");
        assertThat(receipt).as("the survivor seals").isNotNull();
        assertThat(receipt.getLong("leafIndex")).isGreaterThan(0);
        assertThat(survivor.app().audit().run().toCompletionStage().toCompletableFuture().get().findings()).isEmpty();
        survivor.close();
      } catch (Throwable t) {
        closeQuietly(first, second);
        throw t;
      }
    }
  }

  @Test
  void aNodeThatCannotResumeTheTree_givesLeadershipUp_untilItCan() throws Exception {
    try (TestDatabase db = TestDatabase.create(LeaderIT.class)) {
      TestApp.seedDemo(db, 400);
      try (TestApp app = TestApp.start(db)) {
        TestPhone phone = new TestPhone(app.http(), app.login("worker", "Demo@2026"))
            .enrolledAndApproved(app.login("supervisor", "Demo@2026"));
        assertThat(phone.submit(phone.sign("续接前"), true).json().getJsonObject("receipt")).isNotNull();
      }
      // The stored perfect nodes a new leader resumes the tree from are gone (kept aside to put back).
      db.execute("CREATE TABLE ledger.node_aside AS SELECT * FROM ledger.node");
      db.execute("DELETE FROM ledger.node");
      try (TestApp app = TestApp.start(db)) {
        for (int tick = 0; tick < 3; tick++) {
          app.app().appender().nextTick().toCompletionStage().toCompletableFuture().get();
          assertThat(app.app().appender().leader()).as("leads without a tree after tick " + tick).isFalse();
        }
        db.execute("INSERT INTO ledger.node SELECT * FROM ledger.node_aside");
        assertThat(await(app)).isSameAs(app);
      }
    }
  }

  /** Waits until one of the apps leads, by asking them to seal (which fails until one leads). */
  private static TestApp await(TestApp... apps) throws Exception {
    for (int attempt = 0; attempt < 400; attempt++) {
      for (TestApp app : apps) {
        try {
          app.app().appender().sealNow().toCompletionStage().toCompletableFuture().get();
          return app;
        } catch (java.util.concurrent.ExecutionException notLeader) {
          // not this one (yet)
        }
      }
      // Leadership is retried on the appender's tick; wait for the next one of each app.
      for (TestApp app : apps) {
        app.app().appender().nextTick().toCompletionStage().toCompletableFuture().get();
      }
    }
    throw new AssertionError("no node became the ledger leader");
  }

  private static void closeQuietly(TestApp... apps) {
    for (TestApp app : List.of(apps)) {
      try {
        app.close();
      } catch (Exception | AssertionError ignored) {
        // already closed, or the failure being reported matters more
      }
    }
  }
}
