package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.transport.TokenSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncScheduleTest {
    @TempDir
    Path dir;

    @Test
    void offline_backsOffWithJitterWithinTheDoublingCeiling_andRecoversWhenTheServerAnswers() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            List<SyncEvent> events = new ArrayList<>();
            phone.engine.addListener(events::add);
            String id = phone.captureVisit(1);
            phone.server.offline = true;
            for (int failures = 1; failures <= 6; failures++) {
                SyncReport r = phone.engine.syncNow();
                assertThat(r.outcome()).isEqualTo(SyncReport.Outcome.offline);
                Duration wait = Duration.between(phone.clock.instant(), r.nextAttemptAt());
                assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(2L << (failures - 1)));
                assertThat(phone.engine.syncIfDue()).as("not due before the back-off passed").isEmpty();
                phone.clock.set(r.nextAttemptAt());
            }
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.waiting);
            phone.server.offline = false;
            assertThat(phone.engine.syncIfDue()).hasValueSatisfying(r ->
                    assertThat(r.outcome()).isEqualTo(SyncReport.Outcome.completed));
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.accepted);
            assertThat(events).filteredOn(e -> e instanceof SyncEvent.ConnectivityChanged)
                    .containsExactly(new SyncEvent.ConnectivityChanged(false), new SyncEvent.ConnectivityChanged(true));
        }
    }

    @Test
    void devicePending_waitsAtTheCap_andRevokedStopsUntilTheUserActs() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            String id = phone.captureVisit(1);
            phone.server.deviceStatus = "not-approved";
            SyncReport pending = phone.engine.syncNow();
            assertThat(pending.outcome()).isEqualTo(SyncReport.Outcome.devicePending);
            assertThat(pending.nextAttemptAt()).isEqualTo(phone.clock.instant().plus(Duration.ofMinutes(15)));
            phone.server.deviceStatus = "revoked";
            SyncReport revoked = phone.engine.syncNow();
            assertThat(revoked.outcome()).isEqualTo(SyncReport.Outcome.deviceBlocked);
            assertThat(revoked.nextAttemptAt()).isEqualTo(SyncEngine.NOT_SCHEDULED);
            assertThat(phone.engine.record(id).orElseThrow().state()).isEqualTo(OutboxState.waiting);
        }
    }

    @Test
    void unauthorized_refreshesTheTokenOnce_andAsksForSignInWhenThatFails() throws Exception {
        List<String> calls = new ArrayList<>();
        java.util.Deque<String> refreshed = new java.util.ArrayDeque<>(List.of("token-1", "still-bad"));
        String[] current = {"expired"};
        TokenSource stale = new TokenSource() {
            @Override
            public String accessToken() {
                calls.add("access");
                return current[0];
            }

            @Override
            public String refresh() {
                calls.add("refresh");
                current[0] = refreshed.isEmpty() ? "still-bad" : refreshed.poll();
                return current[0];
            }
        };
        try (TestPhone phone = TestPhone.withTokens(dir, stale)) {
            phone.captureVisit(1);
            assertThat(phone.engine.syncNow().outcome()).isEqualTo(SyncReport.Outcome.completed);
            assertThat(calls).startsWith("access", "refresh", "access").containsOnlyOnce("refresh");
            current[0] = "revoked-by-server";
            SyncReport second = phone.engine.syncNow();
            assertThat(second.outcome()).isEqualTo(SyncReport.Outcome.authRequired);
            assertThat(second.nextAttemptAt()).isEqualTo(SyncEngine.NOT_SCHEDULED);
        }
    }

    @Test
    void clockOffset_isEstimatedFromServerTimes_andStoredWithNewRecords() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ofMinutes(5), c -> c)) {
            phone.clock.set(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            phone.captureVisit(1);
            phone.engine.syncNow();
            long offset = phone.engine.clockOffset().orElseThrow().offsetMs();
            // device clock stands still during the exchange, so the estimate is 5 min minus up to the exchange time
            assertThat(offset).isBetween(300_000L - 5_000, 300_000L + 5_000);
            String id = phone.captureVisit(2);
            Long stored = phone.store.read(c -> {
                var rs = c.createStatement().executeQuery("SELECT clock_offset_ms FROM outbox WHERE record_id = '" + id + "'");
                return rs.getLong(1);
            });
            assertThat(stored).isEqualTo(offset);
        }
    }

    @Test
    void captureWhileOnline_makesASyncDueAtOnce() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            phone.engine.syncNow();
            assertThat(phone.engine.nextAttemptAt()).isAfter(phone.clock.instant());
            phone.captureVisit(1);
            assertThat(phone.engine.syncIfDue()).isPresent();
        }
    }
}
