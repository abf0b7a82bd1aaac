package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.client.transport.Problem;

/** What the UI can observe. Every event is delivered after the change it reports has been committed. */
public sealed interface SyncEvent {
    /** A record (or proposal) was signed and committed to the outbox. */
    record Captured(String recordId, String kind) implements SyncEvent {}

    /** The server answered for a record: acked, rejected (with {@code problem}), or to be retried. */
    record RecordStateChanged(String recordId, OutboxState state, Problem problem) implements SyncEvent {}

    /** A receipt was checked offline; {@code error} says why an invalid one failed. */
    record ReceiptChecked(String recordId, ReceiptState state, String error) implements SyncEvent {}

    /** A pull applied {@code count} changes; {@code reset} if the server started a new snapshot. */
    record ChangesApplied(int count, boolean reset) implements SyncEvent {}

    /** The server decided (or re-decided) a proposal; read it with {@code SyncEngine.proposals()}. */
    record ProposalDecided(String recordId) implements SyncEvent {}

    /** The transport found the server reachable or not. */
    record ConnectivityChanged(boolean online) implements SyncEvent {}

    /** A sync round ended. */
    record SyncFinished(SyncReport report) implements SyncEvent {}
}
