package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.attachment.AttachmentUpload;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.pull.ChangePull;
import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.OfflineException;
import cn.citygrid.sync.client.transport.SyncApi;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One sync, in the order of docs/sync-protocol.md §9: attachments, records, proposals, missing receipts, pull.
 * Each step commits as it goes, so a failure part-way keeps everything done before it; the failure only decides
 * the report's outcome.
 */
final class SyncRound {
    private final SyncEngine.Parts parts;
    private int attachments;
    private RecordUpload.Tally uploads = new RecordUpload.Tally(0, 0, 0, 0, 0, 0);
    private ReceiptCheck.Tally receipts = new ReceiptCheck.Tally(0, 0);
    private ChangePull.Result pulled = new ChangePull.Result(0, 0, false, false, java.util.List.of());

    SyncRound(SyncEngine.Parts parts) {
        this.parts = parts;
    }

    /** Runs the steps; returns null when all completed, else the transport failure that stopped them. */
    RuntimeException run(Consumer<SyncEvent> events) {
        try {
            AttachmentUpload.Tally a = parts.attachments().uploadDue(parts.clock().millis());
            attachments = a.uploaded();
            // Records rejected for a refused attachment never reach the record upload: tell listeners here.
            a.rejected().forEach((id, problem) -> events.accept(new SyncEvent.RecordStateChanged(id,
                    OutboxState.rejected, problem)));
            uploads = new RecordUpload.Tally(0, 0, a.rejected().size(), 0, 0, 0);
            uploads = uploads.plus(parts.records().uploadDue("record", SyncApi.RECORDS, events));
            uploads = uploads.plus(parts.records().uploadDue("proposal", SyncApi.PROPOSALS, events));
            receipts = parts.receipts().fetchDue(parts.store(), parts.api(), parts.clock().instant(), events);
            pulled = parts.pull().pull(parts.config().maxPagesPerSync());
            if (pulled.applied() > 0 || pulled.reset()) {
                events.accept(new SyncEvent.ChangesApplied(pulled.applied(), pulled.reset()));
            }
            pulled.decidedProposals().forEach(id -> events.accept(new SyncEvent.ProposalDecided(id)));
            return null;
        } catch (OfflineException | ApiException e) {
            return e;
        }
    }

    SyncReport report(SyncReport.Outcome outcome, String detail, Instant next) {
        return new SyncReport(outcome, detail, attachments, uploads.sent(), uploads.acked(), uploads.rejected(),
                uploads.retried(), uploads.receiptsVerified() + receipts.verified(),
                uploads.receiptsInvalid() + receipts.invalid(), pulled.applied(), pulled.reset(), next);
    }

    /** How a failure maps to an outcome (docs/sync-protocol.md §7). */
    static SyncReport.Outcome classify(RuntimeException failure) {
        if (failure instanceof OfflineException) {
            return SyncReport.Outcome.offline;
        }
        ApiException e = (ApiException) failure;
        if (e.status() == 401) {
            return SyncReport.Outcome.authRequired;
        }
        if (e.status() == 403) {
            return "device-not-approved".equals(e.problemSlug()) ? SyncReport.Outcome.devicePending
                    : SyncReport.Outcome.deviceBlocked;
        }
        return SyncReport.Outcome.failed;
    }
}
