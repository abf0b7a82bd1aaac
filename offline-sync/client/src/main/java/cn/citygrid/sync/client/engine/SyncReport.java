package cn.citygrid.sync.client.engine;

import java.time.Instant;

/**
 * What one sync round did and how it ended. {@code outcome}: {@code completed} (everything due was tried and the
 * feed caught up or hit the page limit), {@code offline} (no answer), {@code failed} (an HTTP error; retried with
 * back-off), {@code authRequired} (sign in again), {@code devicePending} (waiting for approval),
 * {@code deviceBlocked} (revoked, rejected or not this account's). {@code nextAttemptAt} is the next automatic try.
 */
public record SyncReport(Outcome outcome, String detail, int attachmentsUploaded, int recordsSent, int acked,
                         int rejected, int retried, int receiptsVerified, int receiptsInvalid, int changesApplied,
                         boolean reset, Instant nextAttemptAt) {
    public enum Outcome { completed, offline, failed, authRequired, devicePending, deviceBlocked }
}
