package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.client.clock.ClockSample;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The sync endpoints of docs/sync-protocol.md as typed calls. Thread-safe. */
public final class SyncApi {
    public static final String RECORDS = "/api/v1/sync/records";
    public static final String PROPOSALS = "/api/v1/sync/proposals";
    private final SyncHttp http;
    private final String deviceId;
    private final Clock clock;
    private final Consumer<ClockSample> clockObserver;

    /** {@code clockObserver} sees the clock sample of every answer that carries {@code serverClock}. */
    public SyncApi(SyncHttp http, String deviceId, Clock clock, Consumer<ClockSample> clockObserver) {
        this.http = http;
        this.deviceId = deviceId;
        this.clock = clock;
        this.clockObserver = clockObserver;
    }

    /** §3/§6: uploads stored envelope texts as they are (never re-serialised) to {@code path}. */
    public BatchReply upload(String path, List<String> envelopes, ClockSample lastEstimate) {
        StringBuilder body = new StringBuilder(64 + envelopes.stream().mapToInt(String::length).sum());
        body.append("{\"deviceId\":").append(Json.write(deviceId))
                .append(",\"deviceTime\":").append(Json.write(Timestamps.format(clock.instant())));
        if (lastEstimate != null) {
            body.append(",\"clock\":").append(Json.write(clockJson(lastEstimate)));
        }
        body.append(",\"records\":[").append(String.join(",", envelopes)).append("]}");
        SyncHttp.Exchange x = http.call("POST", path, body.toString().getBytes(StandardCharsets.UTF_8));
        Members m = Members.of(x.json(), "answer");
        List<RecordResult> results = m.list("results").stream().map(RecordResult::fromJson).toList();
        if (results.size() != envelopes.size()) {
            throw Members.bad("got " + results.size() + " results for " + envelopes.size() + " records");
        }
        return new BatchReply(results, sample(x, m));
    }

    /** §4: asks for upload slots for {@code wanted} (1..50). */
    public List<Slot> slots(List<Slot.Request> wanted) {
        List<Object> list = new ArrayList<>();
        for (Slot.Request a : wanted) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sm3", a.sm3());
            o.put("size", BigDecimal.valueOf(a.size()));
            o.put("mediaType", a.mediaType());
            list.add(o);
        }
        byte[] body = Json.write(Map.of("attachments", list)).getBytes(StandardCharsets.UTF_8);
        SyncHttp.Exchange x = http.call("POST", "/api/v1/sync/attachments", body);
        Members m = Members.of(x.json(), "answer");
        sample(x, m);
        return m.list("slots").stream().map(Slot::fromJson).toList();
    }

    /** PUTs bytes {@code [offset, offset+length)} of {@code file} to a presigned URL; returns the ETag. */
    public String putFile(URI url, Map<String, String> headers, Path file, long offset, long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
                // read until the range is full
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment " + file, e);
        }
        return http.put(url, headers, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** §4 completion; the server verifies the object's SM3. Throws {@link ApiException} 422/404 when it cannot. */
    public void complete(String sm3, String uploadId, List<Slot.Part> parts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", uploadId);
        if (uploadId != null) {
            List<Object> list = new ArrayList<>();
            parts.forEach(p -> list.add(Map.of("partNumber", BigDecimal.valueOf(p.partNumber()), "etag", p.etag())));
            body.put("parts", list);
        }
        http.call("POST", "/api/v1/sync/attachments/" + sm3 + "/complete", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** §5: one page of changes after {@code cursor} (null on first sync). */
    public ChangePage changes(String cursor, int limit) {
        String query = "?limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        SyncHttp.Exchange x = http.call("GET", "/api/v1/sync/changes" + query, null);
        Members m = Members.of(x.json(), "answer");
        List<Change> changes = m.list("changes").stream().map(Change::fromJson).toList();
        String next = m.string("nextCursor");
        return new ChangePage(changes, next, m.bool("hasMore"), m.bool("reset"), sample(x, m));
    }

    /** The receipt JSON of a stored record, or empty while it waits to be sealed (409). */
    public Optional<Map<String, Object>> receipt(String recordId) {
        try {
            SyncHttp.Exchange x = http.call("GET", "/api/v1/ledger/records/" + recordId + "/receipt", null);
            return Optional.of(Members.of(x.json(), "receipt").raw());
        } catch (ApiException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private ClockSample sample(SyncHttp.Exchange x, Members answer) {
        Map<String, Object> sc = answer.object("serverClock");
        if (sc == null) {
            return null;
        }
        Members s = Members.of(sc, "serverClock");
        try {
            ClockSample sample = ClockSample.of(x.sentAt(), Timestamps.parse(s.string("received")),
                    Timestamps.parse(s.string("sent")), x.receivedAt());
            clockObserver.accept(sample);
            return sample;
        } catch (IllegalArgumentException e) {
            throw Members.bad("serverClock: " + e.getMessage());
        }
    }

    private static Map<String, Object> clockJson(ClockSample c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offsetMs", BigDecimal.valueOf(c.offsetMs()));
        m.put("delayMs", BigDecimal.valueOf(c.delayMs()));
        m.put("measuredAt", Timestamps.format(c.measuredAt()));
        return m;
    }
}
