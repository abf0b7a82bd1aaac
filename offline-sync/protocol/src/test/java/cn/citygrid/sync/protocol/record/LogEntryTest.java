package cn.citygrid.sync.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEntryTest {
    private final RecordEnvelope envelope = RecordEnvelopeTest.signed(RecordEnvelopeTest.payload());
    private final LogEntry entry = new LogEntry(envelope, Instant.parse("2026-11-27T05:00:00.001Z"));

    @Test
    void leafData_isJcsOfRecordAndReceivedAt() {
        String expected = "{\"receivedAt\":\"2026-11-27T05:00:00.001Z\",\"record\":" + envelope.toJson() + "}";
        assertThat(new String(entry.leafData(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void leafHash_isSm3OfZeroByteAndLeafData() {
        byte[] data = entry.leafData();
        byte[] prefixed = new byte[data.length + 1];
        System.arraycopy(data, 0, prefixed, 1, data.length);
        assertThat(Hex.encode(entry.leafHash(TreeHasher.SM3))).isEqualTo(Sm3.hex(prefixed));
    }

    @Test
    void fromJson_roundTrips() {
        Object json = Json.parse(Json.write(entry.toJsonMap()));
        assertThat(LogEntry.fromJson(json)).isEqualTo(entry);
    }

    @Test
    void fromJson_whenRecordOrTimeInvalid_namesTheField() {
        Map<String, Object> m = entry.toJsonMap();
        m.put("receivedAt", "yesterday");
        assertThatThrownBy(() -> LogEntry.fromJson(m)).hasMessageStartingWith("entry.receivedAt: got 'yesterday'");
        Map<String, Object> r = entry.toJsonMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) r.get("record");
        rec.remove("sig");
        assertThatThrownBy(() -> LogEntry.fromJson(r)).hasMessage("entry.record.sig: missing, want a value");
    }
}
