package cn.citygrid.sync.client.outbox;

import cn.citygrid.sync.client.transport.Problem;
import cn.citygrid.sync.protocol.record.FormRef;
import java.time.Instant;
import java.util.List;

/**
 * One outbox row as the app shows it. {@code envelope} is the canonical signed JSON exactly as stored and sent;
 * {@code receipt} is the ledger.md §7 JSON once received; {@code flags} are the server's time flags.
 */
public record OutboxEntry(String recordId, String clientId, String kind, FormRef form, Instant capturedAt,
                          OutboxState state, int attempts, Instant nextAttemptAt, String lastError, Problem problem,
                          Instant receivedAt, ReceiptState receiptState, String receipt, List<String> flags,
                          String corrects, String envelope) {
}
