package cn.citygrid.sync.client.outbox;

/**
 * Where a signed record is on its way to the log. {@code waiting} → {@code uploading} (claimed by the running sync)
 * → {@code accepted} | {@code duplicate} (the server holds it: terminal) | {@code rejected} (terminal, with a
 * problem) | back to {@code waiting} (retry, transport failure, or an interrupted sync found at open).
 */
public enum OutboxState {
    waiting, uploading, accepted, duplicate, rejected;

    /** True once the server has acknowledged the record. */
    public boolean isAcked() {
        return this == accepted || this == duplicate;
    }
}
