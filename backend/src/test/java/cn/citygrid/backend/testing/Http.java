package cn.citygrid.backend.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for integration tests: real requests over loopback. */
public final class Http {
  private final String base;
  private final HttpClient client;

  public Http(String base) {
    this(base, HttpClient.Version.HTTP_2);
  }

  /** {@code HTTP_2} (the default) upgrades cleartext connections (h2c) when the server agrees; {@code HTTP_1_1} never does. */
  public Http(String base, HttpClient.Version version) {
    this.base = base;
    this.client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public String base() {
    return base;
  }

  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  /** Signs in and returns the access token; a refused sign-in fails the caller. */
  public String login(String username, String password) {
    Response r = postJson("/api/v1/auth/login", null, new JsonObject().put("username", username).put("password", password));
    if (r.status() != 200) {
      throw new AssertionError("sign-in of " + username + " refused: " + r.body());
    }
    return r.json().getString("accessToken");
  }

  /** The ledger's checkpoint key as the server publishes it, for verifying receipts. */
  public cn.citygrid.sync.protocol.checkpoint.NoteVerifier logKey() {
    JsonObject key = get("/api/v1/ledger/public-key", null).json();
    return new cn.citygrid.sync.protocol.checkpoint.NoteVerifier(key.getString("keyName"),
        cn.citygrid.sync.protocol.crypto.Sm2PublicKey.fromPem(key.getString("publicKey")));
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Response postJson(String path, String token, JsonObject body) {
    return send("POST", path, token, body == null ? null : body.encode(), Map.of("Content-Type", "application/json"));
  }

  public Response putJson(String path, String token, JsonObject body) {
    return send("PUT", path, token, body.encode(), Map.of("Content-Type", "application/json"));
  }

  /** multipart/form-data with one file part. */
  public Response postFile(String path, String token, String part, String fileName, byte[] content) {
    String boundary = "citygrid" + System.nanoTime();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response send(String method, String path, String token, String body, Map<String, String> headers) {
    HttpResponse<String> r = exchange(method, path, token, body, headers, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers().map(), r.body());
  }

  /** A binary answer (tiles, images), exactly as sent: no decompression. */
  public record Bytes(int status, Map<String, java.util.List<String>> headers, byte[] body) {
    public String header(String name) {
      return new Response(status, headers, "").header(name);
    }
  }

  public Bytes getBytes(String path, String token, Map<String, String> headers) {
    HttpResponse<byte[]> r = exchange("GET", path, token, null, headers, HttpResponse.BodyHandlers.ofByteArray());
    return new Bytes(r.statusCode(), r.headers().map(), r.body());
  }

  private <T> HttpResponse<T> exchange(String method, String path, String token, String body, Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    try {
      return client.send(b.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
