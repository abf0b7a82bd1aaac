package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP for the sync API over the JDK client: bearer token and {@code X-Device-Id} on every API call, one token
 * refresh after a 401, gzip above 8 KiB on the way up and whenever the server compresses on the way down.
 * A call either returns a 2xx answer, or throws {@link ApiException} (an HTTP answer) or {@link OfflineException}
 * (none). Thread-safe.
 */
public final class SyncHttp {
    static final int GZIP_ABOVE = 8 * 1024;
    private final HttpClient client;
    private final URI base;
    private final String deviceId;
    private final TokenSource tokens;
    private final Clock clock;
    private final Duration timeout;

    /** A JSON answer with the device-clock times the request left (t0) and the answer arrived (t3). */
    public record Exchange(int status, Object json, Instant sentAt, Instant receivedAt) {}

    public SyncHttp(HttpClient client, URI base, String deviceId, TokenSource tokens, Clock clock, Duration timeout) {
        this.client = client;
        this.base = base;
        this.deviceId = deviceId;
        this.tokens = tokens;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Calls {@code method path} on the API with an optional JSON body (UTF-8 bytes); parses the JSON answer. */
    public Exchange call(String method, String path, byte[] jsonBody) {
        Exchange first = attempt(method, path, jsonBody, tokens.accessToken());
        if (first != null) {
            return first;
        }
        String refreshed;
        try {
            refreshed = tokens.refresh();
        } catch (RuntimeException e) {
            throw new ApiException(401, Problem.local("unauthenticated", "token refresh failed: " + e.getMessage()), null);
        }
        Exchange second = attempt(method, path, jsonBody, refreshed);
        if (second == null) {
            throw new ApiException(401, Problem.local("unauthenticated", "the token was refused after a refresh"), null);
        }
        return second;
    }

    /** PUTs a body to a presigned URL with exactly {@code headers} (no bearer token); returns the ETag or "". */
    public String put(URI url, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).PUT(body);
        headers.forEach(b::header);
        HttpResponse<byte[]> response = send(b.build());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), null, null);
        }
        return response.headers().firstValue("ETag").orElse("");
    }

    /** One try; null means 401 (the caller refreshes the token and tries once more). */
    private Exchange attempt(String method, String path, byte[] jsonBody, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("X-Device-Id", deviceId)
                .header("Accept", "application/json").header("Accept-Encoding", "gzip");
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            boolean zip = jsonBody.length > GZIP_ABOVE;
            if (zip) {
                b.header("Content-Encoding", "gzip");
            }
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(zip ? gzip(jsonBody) : jsonBody));
        }
        Instant sent = clock.instant();
        HttpResponse<byte[]> response = send(b.build());
        Instant received = clock.instant();
        if (response.statusCode() == 401) {
            return null;
        }
        Object json = parse(response);
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), json == null ? null : Problem.fromJson(json),
                    retryAfter(response));
        }
        return new Exchange(response.statusCode(), json, sent, received);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OfflineException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OfflineException("interrupted", e);
        }
    }

    private static Object parse(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
            body = gunzip(body);
        }
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.parse(body);
        } catch (JsonException e) {
            if (response.statusCode() / 100 == 2) {
                throw new ApiException(502, Problem.local("bad-answer", "answer is not JSON: " + e.getMessage()), null);
            }
            return null;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(s -> s.matches("\\d{1,6}"))
                .map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ApiException(502, Problem.local("bad-answer", "answer is not valid gzip"), null);
        }
    }
}
