package cn.citygrid.sync.client.proposal;

/**
 * The fate of an edit to a shared entity (docs/sync-protocol.md §6). {@code pending} is the device's own state
 * until the server says; {@code review} may later turn into {@code applied} or {@code rejected}.
 */
public enum ProposalOutcome { pending, applied, review, rejected, superseded }
