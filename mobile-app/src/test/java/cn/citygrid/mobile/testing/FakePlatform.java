package cn.citygrid.mobile.testing;

import cn.citygrid.sync.client.fake.FakeSyncServer;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A test double of the platform for the app's UI tests, on a fixed local port so it can be stopped (offline) and
 * started again: sign-in and refresh, {@code /me}, device enrollment and its state, the citizen routes this app
 * proposes (household, feedback, check-ins, reports) plus {@code /me/data-access}, and {@code /health/live}; the
 * sync routes ({@code /api/v1/sync/**}, receipts) are forwarded to offline-sync/client's {@link FakeSyncServer},
 * which checks signatures and issues real Merkle receipts. The end-to-end test uses the real backend instead.
 */
public final class FakePlatform implements AutoCloseable {
    public static final String PASSWORD = "Demo@2026";
    public final FakeSyncServer sync;
    public final Map<String, String> deviceStatus = new ConcurrentHashMap<>();
    public final Map<String, Sm2PublicKey> deviceKeys = new ConcurrentHashMap<>();
    public final List<Map<String, Object>> checkIns = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> feedback = new CopyOnWriteArrayList<>();
    private final HttpClient forward = HttpClient.newHttpClient();
    private final int port;
    private volatile String signedIn = "";
    private HttpServer http;

    public FakePlatform(int port) throws IOException {
        this.port = port;
        this.sync = new FakeSyncServer(Duration.ZERO);
        start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The network is back (or the server restarted): listen again on the same port. */
    public synchronized void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 32);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", this::route);
        http.start();
    }

    /** The phone loses the network: connections are refused. */
    public synchronized void stop() {
        http.stop(0);
    }

    /** A supervisor approves the device: the sync double then accepts its records. */
    public void approve(String deviceId) {
        sync.ledger.enroll(deviceId, deviceKeys.get(deviceId));
        deviceStatus.put(deviceId, "approved");
        sync.deviceStatus = "approved";
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        try {
            if (path.startsWith("/api/v1/sync/") || path.startsWith("/api/v1/ledger/records/")) {
                forward(x);
            } else if (path.equals("/health/live")) {
                json(x, 200, Map.of("status", "UP"));
            } else if (method.equals("POST") && path.equals("/api/v1/auth/login")) {
                login(x);
            } else if (method.equals("POST") && path.equals("/api/v1/auth/refresh")) {
                json(x, 200, tokens(signedIn));
            } else if (!("Bearer " + FakeSyncServer.TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                json(x, 401, problem("unauthenticated", 401, "sign in first"));
            } else {
                api(x, method, path);
            }
        } catch (RuntimeException e) {
            json(x, 500, problem("internal-error", 500, String.valueOf(e)));
        }
    }

    private void api(HttpExchange x, String method, String path) throws IOException {
        if (path.equals("/api/v1/me")) {
            json(x, 200, me(signedIn));
        } else if (method.equals("POST") && path.equals("/api/v1/devices")) {
            Map<String, Object> body = body(x);
            String id = (String) body.get("deviceId");
            deviceKeys.put(id, Sm2PublicKey.fromPem((String) body.get("publicKey")));
            deviceStatus.put(id, "pending");
            json(x, 201, Map.of("id", id, "status", "pending"));
        } else if (method.equals("GET") && path.startsWith("/api/v1/devices/")) {
            String id = path.substring("/api/v1/devices/".length());
            json(x, 200, Map.of("id", id, "status", deviceStatus.getOrDefault(id, "unknown")));
        } else if (path.startsWith("/api/v1/me/")) {
            citizen(x, method, path);
        } else {
            json(x, 404, problem("not-found", 404, method + " " + path));
        }
    }

    private void citizen(HttpExchange x, String method, String path) throws IOException {
        switch (method + " " + path) {
            case "GET /api/v1/me/household" -> json(x, 200, Map.of("house", Map.of("id", "1001", "address",
                    "深圳市福田区福中三路 8 号 2 栋 1 单元 502", "gridCode", "440304001002003"), "members", List.of(
                    Map.of("name", "陈晓梅", "relation", "self", "idNumber", "440304********0026", "phone", "139****2231"),
                    Map.of("name", "陈立", "relation", "child", "idNumber", "440304********0014", "phone", ""))));
            case "POST /api/v1/me/household/feedback" -> {
                feedback.add(body(x));
                json(x, 201, Map.of("issueId", "Q-" + feedback.size(), "status", "open"));
            }
            case "POST /api/v1/me/check-ins" -> {
                checkIns.add(body(x));
                json(x, 201, Map.of("id", "C-" + checkIns.size(), "placeId", "7001", "placeName", "莲花山公园南门"));
            }
            case "POST /api/v1/me/reports" -> {
                reports.add(body(x));
                json(x, 201, Map.of("id", "E-" + reports.size(), "status", "open"));
            }
            case "GET /api/v1/me/data-access" -> json(x, 200, Map.of("page", BigDecimal.ONE, "size", BigDecimal.valueOf(50),
                    "total", BigDecimal.valueOf(2), "items", List.of(
                            Map.of("at", "2026-11-26T09:12:00+08:00", "role", "GRID_WORKER", "purpose", "visit", "action", "portrait"),
                            Map.of("at", "2026-11-20T15:40:00+08:00", "role", "SUPERVISOR", "purpose", "care", "action", "portrait"))));
            default -> json(x, 404, problem("not-found", 404, method + " " + path));
        }
    }

    private void login(HttpExchange x) throws IOException {
        Map<String, Object> body = body(x);
        String user = String.valueOf(body.get("username"));
        if (!Set.of("worker", "citizen").contains(user) || !PASSWORD.equals(body.get("password"))) {
            json(x, 401, problem("invalid-credentials", 401, "用户名或密码错误"));
            return;
        }
        signedIn = user;
        json(x, 200, tokens(user));
    }

    private static Map<String, Object> tokens(String user) {
        return Map.of("accessToken", FakeSyncServer.TOKEN, "refreshToken", "refresh-" + user + "-" + Instant.now().toEpochMilli(),
                "tokenType", "Bearer", "expiresIn", BigDecimal.valueOf(900));
    }

    private static Map<String, Object> me(String user) {
        boolean worker = user.equals("worker");
        return Map.of("id", BigDecimal.valueOf(worker ? 5 : 6), "username", user, "displayName", worker ? "李网格" : "陈晓梅",
                "roles", List.of(worker ? "GRID_WORKER" : "CITIZEN"), "scope", worker ? List.of("440304001002003") : List.of());
    }

    /** Passes a sync request to the double as it came (body bytes, the headers that matter) and its answer back. */
    private void forward(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(sync.baseUri().resolve(x.getRequestURI().toString()))
                .method(x.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Authorization", "X-Device-Id", "Content-Type", "Content-Encoding", "Accept-Encoding")) {
            String v = x.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = forward.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            x.close();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.close();
            return;
        }
        for (String h : List.of("Content-Type", "Content-Encoding", "Retry-After", "ETag")) {
            r.headers().firstValue(h).ifPresent(v -> x.getResponseHeaders().set(h, v));
        }
        x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
        x.getResponseBody().write(r.body());
        x.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange x) throws IOException {
        return (Map<String, Object>) Json.parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Map<String, Object> problem(String slug, int status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:citygrid:problem:" + slug);
        p.put("title", slug);
        p.put("status", BigDecimal.valueOf(status));
        p.put("detail", detail);
        return p;
    }

    private static void json(HttpExchange x, int status, Object value) throws IOException {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** Records the platform holds from one device, for assertions. */
    public List<String> storedRecordIds() {
        return new ArrayList<>(sync.ledger.allInserts().keySet());
    }

    @Override
    public void close() {
        stop();
        sync.close();
    }
}
