package cn.citygrid.sync.client.transport;

import java.util.Map;

/**
 * One entry of the change feed (docs/sync-protocol.md §5): an {@code upsert} replaces the entity's data whole, a
 * {@code delete} is a tombstone ({@code reason} {@code deleted} or {@code out-of-scope}, no data).
 */
public record Change(long seq, String entity, String id, Op op, Map<String, Object> data, String reason) {
    public enum Op { upsert, delete }

    static Change fromJson(Object json) {
        Members m = Members.of(json, "change");
        Op op;
        try {
            op = Op.valueOf(m.string("op"));
        } catch (IllegalArgumentException e) {
            throw Members.bad("change.op: got '" + m.string("op") + "'");
        }
        Map<String, Object> data = m.object("data");
        if (op == Op.upsert && data == null) {
            throw Members.bad("change " + m.string("entity") + "/" + m.string("id") + ": upsert without data");
        }
        return new Change(m.number("seq", 0), m.string("entity"), m.string("id"), op, data, m.optString("reason"));
    }
}
