package cn.citygrid.sync.client.fake;

import cn.citygrid.sync.protocol.json.Json;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Request/response plumbing of the test double: gzip both ways, JSON, problems, queries. */
final class FakeHttp {
    private FakeHttp() {
    }

    static byte[] body(HttpExchange x) throws IOException {
        byte[] raw = x.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    static void json(HttpExchange x, int status, Object value) throws IOException {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
        boolean zip = accept != null && accept.contains("gzip") && bytes.length > 1024;
        if (zip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(bytes);
            }
            bytes = out.toByteArray();
            x.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(bytes);
        }
    }

    static void empty(HttpExchange x, int status, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    static Map<String, Object> problem(String slug, int status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:citygrid:problem:" + slug);
        p.put("title", slug);
        p.put("status", BigDecimal.valueOf(status));
        p.put("detail", detail);
        return p;
    }

    static Map<String, String> query(HttpExchange x) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = x.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
