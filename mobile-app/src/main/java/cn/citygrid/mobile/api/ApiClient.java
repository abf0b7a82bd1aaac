package cn.citygrid.mobile.api;

import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.OfflineException;
import cn.citygrid.sync.client.transport.Problem;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over the platform's HTTP API (everything but sync, which the sync engine does itself): bearer token,
 * {@code Accept-Language}, problem+json errors as {@link ApiException}, no answer as {@link OfflineException} —
 * the same two failures the sync engine reports, so the app tells "offline" from "refused" one way. Blocking:
 * call it from {@code Background}. Thread-safe.
 */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private volatile String language = "zh";

    public ApiClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public void language(String tag) {
        this.language = tag;
    }

    /** GET a JSON document. */
    public Object get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** POST a JSON body (a value of the protocol's JSON model) and read the JSON answer (null for 204). */
    public Object post(String path, String token, Object body) {
        return send("POST", path, token, body == null ? null : Json.write(body));
    }

    private Object send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").header("Accept-Language", language)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OfflineException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OfflineException(method + " " + path + ": interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new ApiException(r.statusCode(), problem(r.body()), null);
        }
        return r.body().isEmpty() ? null : Json.parse(r.body());
    }

    private static Problem problem(String body) {
        try {
            return body == null || body.isBlank() ? null : Problem.fromJson(Json.parse(body));
        } catch (JsonException e) {
            return null;
        }
    }
}
