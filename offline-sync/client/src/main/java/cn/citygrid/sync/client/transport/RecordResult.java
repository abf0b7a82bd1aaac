package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.protocol.record.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The server's verdict on one envelope of a batch (docs/sync-protocol.md §2). {@code accepted} and
 * {@code duplicate} carry {@code receivedAt} and maybe a receipt (ledger.md §7 JSON); {@code rejected} and
 * {@code retry} carry a problem. {@code outcome} is set for proposals decided at once.
 */
public record RecordResult(int index, String recordId, Status status, Instant receivedAt, Map<String, Object> receipt,
                           List<String> flags, Problem problem, Duration retryAfter, String outcome) {
    public enum Status { accepted, duplicate, rejected, retry }

    /** True for the two statuses that mean "the server holds this record". */
    public boolean isAck() {
        return status == Status.accepted || status == Status.duplicate;
    }

    static RecordResult fromJson(Object json) {
        Members m = Members.of(json, "result");
        Status status;
        try {
            status = Status.valueOf(m.string("status"));
        } catch (IllegalArgumentException e) {
            throw Members.bad("result.status: got '" + m.string("status") + "'");
        }
        String received = m.optString("receivedAt");
        if (status == Status.accepted || status == Status.duplicate) {
            if (received == null || m.optString("recordId") == null) {
                throw Members.bad("result: an ack needs recordId and receivedAt");
            }
        }
        long retry = m.number("retryAfterSeconds", -1);
        List<String> flags = m.list("flags").stream().filter(String.class::isInstance).map(String.class::cast).toList();
        return new RecordResult((int) m.number("index", -1), m.optString("recordId"), status,
                received == null ? null : Timestamps.parse(received), m.object("receipt"), flags,
                m.object("problem") == null ? null : Problem.fromJson(m.object("problem")),
                retry < 0 ? null : Duration.ofSeconds(retry), m.optString("outcome"));
    }
}
