package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.attachment.AttachmentStore;
import cn.citygrid.sync.client.clock.ClockSample;
import cn.citygrid.sync.client.outbox.Outbox;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.client.proposal.ProposalOutcome;
import cn.citygrid.sync.client.proposal.Proposals;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.BatchReply;
import cn.citygrid.sync.client.transport.Problem;
import cn.citygrid.sync.client.transport.RecordResult;
import cn.citygrid.sync.client.transport.SyncApi;
import cn.citygrid.sync.protocol.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Uploads due outbox rows in batches and applies the per-record answers (docs/sync-protocol.md §3, §7). Rows are
 * claimed in a transaction, sent as stored, and each batch's answers are applied in one transaction; a request
 * without per-record answers returns its rows to {@code waiting} untouched and rethrows.
 */
final class RecordUpload {
    private final LocalStore store;
    private final SyncApi api;
    private final SyncConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final ReceiptCheck receipts;
    private final Supplier<ClockSample> lastEstimate;
    private int batchSize;

    RecordUpload(LocalStore store, SyncApi api, SyncConfig config, Clock clock, RandomGenerator random,
                 ReceiptCheck receipts, Supplier<ClockSample> lastEstimate) {
        this.store = store;
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.receipts = receipts;
        this.lastEstimate = lastEstimate;
        this.batchSize = config.batchSize();
    }

    /** Counts of one upload round. */
    record Tally(int sent, int acked, int rejected, int retried, int receiptsVerified, int receiptsInvalid) {
        Tally plus(Tally o) {
            return new Tally(sent + o.sent, acked + o.acked, rejected + o.rejected, retried + o.retried,
                    receiptsVerified + o.receiptsVerified, receiptsInvalid + o.receiptsInvalid);
        }
    }

    /** Sends every due row of {@code kind} ("record" or "proposal") to {@code path}. */
    Tally uploadDue(String kind, String path, Consumer<SyncEvent> events) {
        Tally total = new Tally(0, 0, 0, 0, 0, 0);
        while (true) {
            long now = clock.millis();
            int limit = batchSize;
            List<Outbox.Claimed> claimed = store.inTransaction(c -> Outbox.claimDue(c, kind, now, limit));
            if (claimed.isEmpty()) {
                return total;
            }
            BatchReply reply = send(path, claimed);
            if (reply != null) {
                total = total.plus(apply(kind, claimed, reply, events));
            }
        }
    }

    /** The answer, or null after a 413 halved the batch (the rows wait again and the loop re-claims). */
    private BatchReply send(String path, List<Outbox.Claimed> claimed) {
        List<String> ids = claimed.stream().map(Outbox.Claimed::recordId).toList();
        try {
            BatchReply reply = api.upload(path, claimed.stream().map(Outbox.Claimed::envelope).toList(), lastEstimate.get());
            for (int i = 0; i < claimed.size(); i++) {
                String id = reply.results().get(i).recordId();
                if (id != null && !id.equals(ids.get(i))) {
                    throw new ApiException(502, Problem.local("bad-answer", "result " + i + " names " + id
                            + ", want " + ids.get(i)), null);
                }
            }
            return reply;
        } catch (RuntimeException e) {
            store.inTransaction(c -> { Outbox.release(c, ids, e.getMessage()); return null; });
            if (e instanceof ApiException api413 && api413.status() == 413 && batchSize > 1) {
                batchSize = Math.max(1, batchSize / 2);
                return null;
            }
            throw e;
        }
    }

    private Tally apply(String kind, List<Outbox.Claimed> claimed, BatchReply reply, Consumer<SyncEvent> events) {
        // Receipts are checked before the transaction: signature and proof checks are CPU work.
        List<String> receiptErrors = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            RecordResult r = reply.results().get(i);
            receiptErrors.add(r.isAck() && r.receipt() != null
                    ? receipts.problemWith(claimed.get(i).envelope(), r.receivedAt(), r.receipt()) : null);
        }
        long now = clock.millis();
        List<SyncEvent> fired = new ArrayList<>();
        Tally tally = store.inTransaction(c -> {
            Tally t = new Tally(claimed.size(), 0, 0, 0, 0, 0);
            for (int i = 0; i < claimed.size(); i++) {
                t = t.plus(applyOne(c, kind, claimed.get(i), reply.results().get(i), receiptErrors.get(i), now, fired));
            }
            return t;
        });
        fired.forEach(events);
        return tally;
    }

    private Tally applyOne(Connection c, String kind, Outbox.Claimed row, RecordResult r, String receiptError, long now,
                           List<SyncEvent> fired) throws SQLException {
        String id = row.recordId();
        switch (r.status()) {
            case accepted, duplicate -> {
                OutboxState state = OutboxState.valueOf(r.status().name());
                Outbox.acknowledge(c, id, state, r.receivedAt(), r.flags());
                fired.add(new SyncEvent.RecordStateChanged(id, state, null));
                if ("proposal".equals(kind) && r.outcome() != null && decide(c, id, r.outcome())) {
                    fired.add(new SyncEvent.ProposalDecided(id));
                }
                if (r.receipt() == null) {
                    return new Tally(0, 1, 0, 0, 0, 0);
                }
                Outbox.storeReceipt(c, id, Json.write(r.receipt()), receiptError);
                fired.add(new SyncEvent.ReceiptChecked(id, receiptError == null ? ReceiptState.verified
                        : ReceiptState.invalid, receiptError));
                return new Tally(0, 1, 0, 0, receiptError == null ? 1 : 0, receiptError == null ? 0 : 1);
            }
            case rejected -> {
                Problem p = r.problem() != null ? r.problem() : Problem.local("rejected", "rejected without a problem");
                Outbox.reject(c, id, p);
                fired.add(new SyncEvent.RecordStateChanged(id, OutboxState.rejected, p));
                return new Tally(0, 0, 1, 0, 0, 0);
            }
            default -> {
                retry(c, row, r, now);
                fired.add(new SyncEvent.RecordStateChanged(id, OutboxState.waiting, r.problem()));
                return new Tally(0, 0, 0, 1, 0, 0);
            }
        }
    }

    /** The record waits max(retryAfter, back-off); attachments the server misses are uploaded again. */
    private void retry(Connection c, Outbox.Claimed row, RecordResult r, long now) throws SQLException {
        int attempts = row.attempts() + 1;
        Duration wait = config.backoff().delay(attempts, random);
        if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) {
            wait = r.retryAfter();
        }
        Outbox.retryLater(c, row.recordId(), attempts, now + wait.toMillis(), r.problem());
        if (r.problem() != null && "attachment-missing".equals(r.problem().slug())
                && r.problem().members().get("missing") instanceof List<?> missing) {
            AttachmentStore.markPending(c, missing.stream().map(String::valueOf).toList());
        }
    }

    private static boolean decide(Connection c, String recordId, String outcome) throws SQLException {
        try {
            return Proposals.decide(c, recordId, ProposalOutcome.valueOf(outcome), null, null, null);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
