package cn.citygrid.sync.client.proposal;

/**
 * A proposal as the app shows it. {@code value}, {@code base} and {@code currentValue} are JSON values in the
 * protocol's {@code Json} model; {@code currentValue} is what the server holds now (after the decision).
 */
public record ProposalView(String recordId, String entity, String entityId, String field, Object value, Object base,
                           ProposalOutcome outcome, String reason, Object currentValue, String decidedAt) {
}
