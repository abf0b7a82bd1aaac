package cn.citygrid.sync.client.fake;

import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.EnvelopeException;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.Timestamps;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the sync server for the CLIENT's unit tests: implements docs/sync-protocol.md's record,
 * proposal, attachment, change-feed and receipt endpoints faithfully enough to exercise the client (real
 * signatures checked, real Merkle receipts, SM3 recomputed on completion), with knobs for the failures a phone
 * meets: offline, lost answers after commit, scripted retries and rejections, device states, a skewed clock.
 * Not the real server: the backend's own tests run the client against that.
 */
public final class FakeSyncServer implements AutoCloseable {
    public static final String TOKEN = "token-1";
    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final Clock serverClock;
    public final FakeLedger ledger;
    public final FakeObjectStore objects = new FakeObjectStore();
    public final FakeChangeFeed feed = new FakeChangeFeed();
    public volatile boolean offline;
    public volatile boolean inlineReceipts = true;
    public volatile String deviceStatus = "approved";
    /** Runs after a records request was stored and before it is answered (a test may kill the phone there). */
    public volatile Runnable afterStore = () -> { };
    /** Records requests still to be stored but answered by a dropped connection. */
    public final AtomicInteger dropAnswers = new AtomicInteger();
    private final Map<String, AtomicInteger> retries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    /** Starts on a free local port; {@code clockOffset} skews the server clock against the real one. */
    public FakeSyncServer(Duration clockOffset) throws IOException {
        this.serverClock = Clock.offset(Clock.systemUTC(), clockOffset);
        this.ledger = new FakeLedger(serverClock);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        http.setExecutor(pool);
        http.createContext("/", this::route);
        http.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The next {@code times} uploads of {@code recordId} answer {@code retry}. */
    public void retry(String recordId, int times) {
        retries.put(recordId, new AtomicInteger(times));
    }

    public int requests(String pathPrefix) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    private void route(HttpExchange x) throws IOException {
        Instant received = serverClock.instant();
        String path = x.getRequestURI().getPath();
        requests.computeIfAbsent(x.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        try {
            if (offline) {
                x.close();
                return;
            }
            if (path.startsWith("/s3/")) {
                storage(x, path);
                return;
            }
            if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                FakeHttp.json(x, 401, FakeHttp.problem("unauthenticated", 401, "token"));
                return;
            }
            if (!"approved".equals(deviceStatus)) {
                FakeHttp.json(x, 403, FakeHttp.problem("device-" + deviceStatus, 403, "device is " + deviceStatus));
                return;
            }
            api(x, path, received);
        } catch (RuntimeException e) {
            FakeHttp.json(x, 500, FakeHttp.problem("internal-error", 500, String.valueOf(e)));
        }
    }

    private void api(HttpExchange x, String path, Instant received) throws IOException {
        String method = x.getRequestMethod();
        if (method.equals("POST") && (path.equals("/api/v1/sync/records") || path.equals("/api/v1/sync/proposals"))) {
            Map<String, Object> answer = withClock(records(x, path.endsWith("proposals")), received);
            afterStore.run();
            if (dropAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                x.close();
                return;
            }
            FakeHttp.json(x, 200, answer);
        } else if (method.equals("POST") && path.equals("/api/v1/sync/attachments")) {
            FakeHttp.json(x, 200, withClock(slots(x), received));
        } else if (method.equals("POST") && path.startsWith("/api/v1/sync/attachments/") && path.endsWith("/complete")) {
            complete(x, path.split("/")[5]);
        } else if (method.equals("GET") && path.equals("/api/v1/sync/changes")) {
            Map<String, String> q = FakeHttp.query(x);
            FakeHttp.json(x, 200, withClock(feed.page(q.get("cursor"), Integer.parseInt(q.getOrDefault("limit", "500"))), received));
        } else if (method.equals("GET") && path.startsWith("/api/v1/ledger/records/") && path.endsWith("/receipt")) {
            var receipt = ledger.receipt(path.split("/")[5]);
            if (receipt.isPresent()) {
                FakeHttp.json(x, 200, receipt.get().toJsonMap());
            } else {
                FakeHttp.json(x, 409, FakeHttp.problem("record-not-sealed", 409, "waits for its batch"));
            }
        } else {
            FakeHttp.json(x, 404, FakeHttp.problem("not-found", 404, method + " " + path));
        }
    }

    private Map<String, Object> withClock(Map<String, Object> answer, Instant received) {
        Map<String, Object> out = new LinkedHashMap<>(answer);
        out.put("serverClock", Map.of("received", Timestamps.format(received), "sent", Timestamps.format(serverClock.instant())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> records(HttpExchange x, boolean proposals) throws IOException {
        Map<String, Object> body = (Map<String, Object>) Json.parse(FakeHttp.body(x));
        String device = x.getRequestHeaders().getFirst("X-Device-Id");
        List<Object> envelopes = (List<Object>) body.get("records");
        List<Object> results = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            results.add(judge(i, device, envelopes.get(i), proposals, fresh));
        }
        if (inlineReceipts) {
            ledger.seal();
            for (Object r : results) {
                Map<String, Object> m = (Map<String, Object>) r;
                if (m.containsKey("receivedAt")) {
                    ledger.receipt((String) m.get("recordId")).ifPresent(rc -> m.put("receipt", rc.toJsonMap()));
                }
            }
        }
        return Map.of("results", results);
    }

    private Map<String, Object> judge(int index, String device, Object json, boolean proposals, List<String> fresh) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", BigDecimal.valueOf(index));
        RecordEnvelope e;
        try {
            e = RecordEnvelope.fromJson(json);
        } catch (EnvelopeException ex) {
            r.put("recordId", null);
            return rejected(r, "record-malformed", ex.getMessage());
        }
        r.put("recordId", e.recordId());
        ledger.arrived(e.recordId());
        if (!e.deviceId().equals(device) || ledger.deviceKey(device) == null) {
            return rejected(r, "device-not-yours", "device " + e.deviceId());
        }
        try {
            e.verify(ledger.deviceKey(device));
        } catch (EnvelopeException ex) {
            return rejected(r, "signature-invalid", ex.getMessage());
        }
        if (Boolean.TRUE.equals(e.payload().get("reject"))) {
            return rejected(r, "validation-failed", "field 'reject' is set");
        }
        AtomicInteger scripted = retries.get(e.recordId());
        if (scripted != null && scripted.getAndDecrement() > 0) {
            return retry(r, FakeHttp.problem("unavailable", 503, "scripted retry"), List.of());
        }
        List<String> missing = e.attachments().stream().filter(a -> !objects.hasVerified(a.sm3(), a.size()))
                .map(AttachmentRef::sm3).toList();
        if (!missing.isEmpty()) {
            return retry(r, FakeHttp.problem("attachment-missing", 409, "upload first"), missing);
        }
        var stored = ledger.insert(e);
        if (!stored.getKey().envelope().toJson().equals(e.toJson())) {
            return rejected(r, "record-id-conflict", "stored with other bytes");
        }
        r.put("status", stored.getValue() ? "accepted" : "duplicate");
        r.put("receivedAt", Timestamps.format(stored.getKey().receivedAt()));
        r.put("receipt", null);
        r.put("receiptUrl", "/api/v1/ledger/records/" + e.recordId() + "/receipt");
        r.put("flags", e.capturedAt().isAfter(stored.getKey().receivedAt().plusSeconds(300)) ? List.of("captured-in-future") : List.of());
        if (proposals) {
            r.put("outcome", "needs-review".equals(e.payload().get("value")) ? "review" : "applied");
        }
        return r;
    }

    private static Map<String, Object> rejected(Map<String, Object> r, String slug, String detail) {
        r.put("status", "rejected");
        r.put("problem", FakeHttp.problem(slug, 422, detail));
        return r;
    }

    private static Map<String, Object> retry(Map<String, Object> r, Map<String, Object> problem, List<String> missing) {
        r.put("status", "retry");
        Map<String, Object> p = new LinkedHashMap<>(problem);
        if (!missing.isEmpty()) {
            p.put("missing", missing);
        }
        r.put("problem", p);
        r.put("retryAfterSeconds", BigDecimal.ONE);
        return r;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> slots(HttpExchange x) throws IOException {
        Map<String, Object> body = (Map<String, Object>) Json.parse(FakeHttp.body(x));
        List<Object> slots = new ArrayList<>();
        for (Object o : (List<Object>) body.get("attachments")) {
            Map<String, Object> a = (Map<String, Object>) o;
            slots.add(objects.slot(baseUri().toString(), (String) a.get("sm3"), ((BigDecimal) a.get("size")).longValue(),
                    (String) a.get("mediaType")));
        }
        return Map.of("slots", slots);
    }

    @SuppressWarnings("unchecked")
    private void complete(HttpExchange x, String sm3) throws IOException {
        Map<String, Object> body = (Map<String, Object>) Json.parse(FakeHttp.body(x));
        String problem = objects.complete(sm3, (String) body.get("uploadId"));
        if (problem == null) {
            FakeHttp.json(x, 200, Map.of("sm3", sm3, "status", "present"));
        } else {
            int status = problem.equals("upload-not-found") ? 404 : 422;
            FakeHttp.json(x, status, FakeHttp.problem(problem, status, sm3));
        }
    }

    private void storage(HttpExchange x, String path) throws IOException {
        String[] p = path.split("/");
        byte[] bytes = x.getRequestBody().readAllBytes();
        String etag = p[2].equals("put") ? objects.put(p[3], bytes) : objects.putPart(p[3], Integer.parseInt(p[4]), bytes);
        if (etag == null) {
            FakeHttp.empty(x, 500, Map.of());
        } else {
            FakeHttp.empty(x, 200, Map.of("ETag", etag));
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
