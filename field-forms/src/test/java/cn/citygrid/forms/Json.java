package cn.citygrid.forms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Test payloads written as JSON text, parsed the way the server parses a record. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static Map<String, Object> object(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same value after a trip through JSON text, as the server would receive it. */
    public static Map<String, Object> roundTrip(Map<String, ?> payload) {
        return object(write(payload));
    }

    /** A test payload from {@code /payloads/<form-id>.json}. */
    public static Map<String, Object> payload(String formId) {
        return object(new String(resource("/payloads/" + formId + ".json"), java.nio.charset.StandardCharsets.UTF_8));
    }

    public static byte[] resource(String path) {
        try (InputStream in = Json.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
