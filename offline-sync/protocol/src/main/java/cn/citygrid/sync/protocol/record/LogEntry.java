package cn.citygrid.sync.protocol.record;

import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.JsonException;
import cn.citygrid.sync.protocol.json.JsonFields;
import cn.citygrid.sync.protocol.merkle.Hasher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One leaf of the ledger log: the accepted envelope and the server's receipt time.
 * Leaf data = UTF-8 JCS of {@code {"record": <envelope>, "receivedAt": "<ISO-8601 UTC ms>"}}; the Merkle leaf hash
 * is {@code hasher.hashLeaf(leafData)} (SM3 in the ledger). Immutable.
 */
public record LogEntry(RecordEnvelope record, Instant receivedAt) {
    /** Validates {@code {"record": …, "receivedAt": …}} strictly. */
    public static LogEntry fromJson(Object json) {
        try {
            JsonFields f = JsonFields.of(json, "entry").allowOnly("record", "receivedAt");
            RecordEnvelope envelope;
            try {
                envelope = RecordEnvelope.fromJson(f.required("record"));
            } catch (EnvelopeException e) {
                throw new EnvelopeException("entry.record." + e.getMessage(), e);
            }
            return new LogEntry(envelope, EnvelopeReader.instant(f, "receivedAt"));
        } catch (JsonException e) {
            throw new EnvelopeException(e.getMessage(), e);
        }
    }

    /** The entry in the {@link cn.citygrid.sync.protocol.json.Json} value model. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record", record.toJsonMap());
        m.put("receivedAt", Timestamps.format(receivedAt));
        return m;
    }

    /** The leaf data: UTF-8 JCS of {@link #toJsonMap()}. */
    public byte[] leafData() {
        return Jcs.bytes(toJsonMap());
    }

    /** {@code hasher.hashLeaf(leafData())}. */
    public byte[] leafHash(Hasher hasher) {
        return hasher.hashLeaf(leafData());
    }
}
