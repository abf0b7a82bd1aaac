package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.client.proposal.ProposalOutcome;
import cn.citygrid.sync.client.proposal.ProposalView;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalTest {
    @TempDir
    Path dir;

    @Test
    void propose_signsAProposalRecordWithTheReplicaValueAsBase_andShowsTheOutcome() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            phone.server.feed.upsert("resident", "5521", Map.of("id", "5521", "phone", "138****5678"));
            phone.engine.syncNow();
            String id = phone.engine.propose("resident", "5521", "phone", "13800138000");
            RecordEnvelope e = RecordEnvelope.parse(phone.engine.record(id).orElseThrow().envelope());
            assertThat(e.form().id()).isEqualTo("citygrid.proposal");
            assertThat(e.payload()).containsEntry("field", "phone").containsEntry("value", "13800138000")
                    .containsEntry("base", "138****5678");
            assertThat(phone.engine.proposals()).singleElement()
                    .satisfies(p -> assertThat(p.outcome()).isEqualTo(ProposalOutcome.pending));

            phone.engine.syncNow();
            assertThat(phone.server.requests("POST /api/v1/sync/proposals")).isEqualTo(1);
            assertThat(phone.engine.proposals()).singleElement()
                    .satisfies(p -> assertThat(p.outcome()).isEqualTo(ProposalOutcome.applied));
        }
    }

    @Test
    void aProposalInReview_learnsItsFinalOutcomeFromTheChangeFeed() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            List<SyncEvent> events = new ArrayList<>();
            phone.engine.addListener(events::add);
            String id = phone.engine.propose("house", "88121", "usage", "needs-review");
            phone.engine.syncNow();
            assertThat(phone.engine.proposals().get(0).outcome()).isEqualTo(ProposalOutcome.review);

            phone.server.feed.upsert("proposal", id, Map.of("recordId", id, "entity", "house", "id", "88121",
                    "field", "usage", "outcome", "rejected", "reason", "supervisor: usage unchanged on site",
                    "value", "residential", "decidedAt", "2026-11-28T02:00:00.000Z"));
            phone.engine.syncNow();
            ProposalView p = phone.engine.proposals().get(0);
            assertThat(p.outcome()).isEqualTo(ProposalOutcome.rejected);
            assertThat(p.reason()).contains("unchanged on site");
            assertThat(p.currentValue()).isEqualTo("residential");
            assertThat(events).filteredOn(e -> e instanceof SyncEvent.ProposalDecided).hasSize(2);
            assertThat(phone.engine.replica().count("proposal")).as("outcomes are not replica rows").isZero();
        }
    }
}
