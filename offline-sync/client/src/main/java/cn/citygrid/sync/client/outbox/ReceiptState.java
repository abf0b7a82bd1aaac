package cn.citygrid.sync.client.outbox;

/**
 * The receipt of an acknowledged record: {@code none} before the ack, {@code pending} until the log seals it,
 * {@code verified} once checked offline against the pinned log key, {@code invalid} if that check failed (kept,
 * with the reason, for an operator: the record is on the server but the proof does not hold).
 */
public enum ReceiptState { none, pending, verified, invalid }
