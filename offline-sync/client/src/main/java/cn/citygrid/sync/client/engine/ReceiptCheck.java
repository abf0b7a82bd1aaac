package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.outbox.Outbox;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.SyncApi;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks receipts offline: the leaf must be exactly the stored envelope with the server's {@code receivedAt},
 * included under a checkpoint signed by the pinned log key (and the configured witnesses). Fetches receipts the
 * upload answer did not carry.
 */
final class ReceiptCheck {
    static final Duration NOT_SEALED_WAIT = Duration.ofSeconds(10);
    private final NoteVerifier logKey;
    private final List<WitnessVerifier> witnesses;

    ReceiptCheck(NoteVerifier logKey, List<WitnessVerifier> witnesses) {
        this.logKey = logKey;
        this.witnesses = witnesses;
    }

    /** Null if {@code receipt} proves this envelope was logged at {@code receivedAt}; otherwise why not. */
    String problemWith(String envelope, Instant receivedAt, Map<String, Object> receipt) {
        try {
            LogEntry entry = new LogEntry(RecordEnvelope.parse(envelope), receivedAt);
            Receipt.fromJson(receipt).verify(entry, logKey, witnesses);
            return null;
        } catch (RuntimeException e) {
            return "receipt does not verify: " + e.getMessage();
        }
    }

    /** Counts of one fetch round. */
    record Tally(int verified, int invalid) {}

    /** Fetches and checks receipts of acked records still without one. */
    Tally fetchDue(LocalStore store, SyncApi api, Instant now, Consumer<SyncEvent> events) {
        int verified = 0;
        int invalid = 0;
        for (Outbox.ReceiptDue due : store.read(c -> Outbox.receiptsDue(c, now.toEpochMilli(), 500))) {
            Optional<Map<String, Object>> receipt = api.receipt(due.recordId());
            if (receipt.isEmpty()) {
                store.inTransaction(c -> {
                    Outbox.receiptLater(c, due.recordId(), now.plus(NOT_SEALED_WAIT).toEpochMilli());
                    return null;
                });
                continue;
            }
            String error = problemWith(due.envelope(), due.receivedAt(), receipt.get());
            store.inTransaction(c -> {
                Outbox.storeReceipt(c, due.recordId(), Json.write(receipt.get()), error);
                return null;
            });
            verified += error == null ? 1 : 0;
            invalid += error == null ? 0 : 1;
            events.accept(new SyncEvent.ReceiptChecked(due.recordId(),
                    error == null ? ReceiptState.verified : ReceiptState.invalid, error));
        }
        return new Tally(verified, invalid);
    }
}
