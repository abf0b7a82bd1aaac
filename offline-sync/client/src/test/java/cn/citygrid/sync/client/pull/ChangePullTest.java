package cn.citygrid.sync.client.pull;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.engine.SyncReport;
import cn.citygrid.sync.client.fake.FakeChangeFeed;
import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.store.SyncState;
import cn.citygrid.sync.client.transport.Change;
import cn.citygrid.sync.client.transport.ChangePage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangePullTest {
    @TempDir
    Path dir;

    private static void houses(FakeChangeFeed feed, int from, int to, String grid) {
        for (int i = from; i < to; i++) {
            feed.upsert("house", "h" + i, Map.of("id", "h" + i, "gridCode", grid, "room", "10" + i));
        }
    }

    @Test
    void firstPull_pagesThroughTheSnapshot_thenFollowsTheCursorIncrementally() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withPageSize(4))) {
            houses(phone.server.feed, 0, 10, "440304001002003");
            SyncReport first = phone.engine.syncNow();
            assertThat(first.changesApplied()).isEqualTo(10);
            assertThat(first.reset()).isTrue();
            assertThat(phone.engine.replica().count("house")).isEqualTo(10);
            assertThat(phone.server.feed.pagesServed()).isEqualTo(3);

            phone.server.feed.upsert("house", "h3", Map.of("id", "h3", "gridCode", "440304001002003", "room", "999"));
            SyncReport second = phone.engine.syncNow();
            assertThat(second.changesApplied()).isEqualTo(1);
            assertThat(second.reset()).isFalse();
            assertThat(phone.engine.replica().get("house", "h3").orElseThrow()).containsEntry("room", "999");
        }
    }

    @Test
    void tombstones_removeTheEntity_whetherDeletedOrOutOfScope() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            houses(phone.server.feed, 0, 3, "440304001002003");
            phone.engine.syncNow();
            phone.server.feed.delete("house", "h1", "out-of-scope");
            phone.server.feed.delete("house", "h2", "deleted");
            phone.engine.syncNow();
            assertThat(phone.engine.replica().all("house")).extracting(m -> m.get("id")).containsExactly("h0");
        }
    }

    @Test
    void reset_replacesTheWorkingSet_rowsTheSnapshotDoesNotResendDisappear() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withPageSize(2))) {
            FakeChangeFeed feed = phone.server.feed;
            houses(feed, 0, 5, "A");
            phone.engine.syncNow();
            // the worker is moved to grid B: the server's state is now B's houses, and old cursors are void
            for (int i = 0; i < 5; i++) {
                feed.delete("house", "h" + i, "out-of-scope");
            }
            houses(feed, 100, 103, "B");
            feed.forceReset(); // the phone never sees those tombstones: only the reset can clean up
            SyncReport r = phone.engine.syncNow();
            assertThat(r.reset()).isTrue();
            assertThat(phone.engine.replica().all("house")).extracting(m -> m.get("gridCode")).containsOnly("B").hasSize(3);
        }
    }

    @Test
    void aResetInterruptedMidSnapshot_keepsTheOldRowsUsableUntilTheSnapshotCompletes() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withPageSize(2))) {
            FakeChangeFeed feed = phone.server.feed;
            houses(feed, 0, 4, "A");
            phone.engine.syncNow();
            // the first snapshot page of a reset commits, then the phone dies
            phone.store.inTransaction(c -> ChangePull.apply(c, new ChangePage(List.of(new Change(9, "house", "h0", Change.Op.upsert,
                    Map.of("id", "h0", "gridCode", "A"), null)), "s:x", true, true, null)));
            assertThat(phone.engine.replica().count("house")).as("old generation still there").isEqualTo(4);
            java.util.Optional<String> resetting = phone.store.read(c -> SyncState.get(c, SyncState.RESETTING));
            assertThat(resetting).isPresent();
            phone.store.inTransaction(c -> ChangePull.apply(c, new ChangePage(List.of(), "l:x", false, false, null)));
            assertThat(phone.engine.replica().all("house")).extracting(m -> m.get("id")).containsExactly("h0");
        }
    }

    @Test
    void applyingTheSamePageTwice_leavesTheSameReplica() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            ChangePage page = new ChangePage(List.of(
                    new Change(1, "resident", "r1", Change.Op.upsert, Map.of("id", "r1", "phone", "138****5678"), null),
                    new Change(2, "resident", "r2", Change.Op.upsert, Map.of("id", "r2"), null),
                    new Change(3, "resident", "r2", Change.Op.delete, null, "out-of-scope")), "l:0:3", false, false, null);
            phone.store.inTransaction(c -> ChangePull.apply(c, page));
            phone.store.inTransaction(c -> ChangePull.apply(c, page));
            assertThat(phone.engine.replica().all("resident")).extracting(m -> m.get("id")).containsExactly("r1");
            assertThat(phone.engine.replica().where("resident", "phone", "138****5678")).hasSize(1);
            java.util.Optional<String> cursor = phone.store.read(c -> SyncState.get(c, SyncState.CURSOR));
            assertThat(cursor).contains("l:0:3");
        }
    }
}
