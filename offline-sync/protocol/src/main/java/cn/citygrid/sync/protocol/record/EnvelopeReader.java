package cn.citygrid.sync.protocol.record;

import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.JsonException;
import cn.citygrid.sync.protocol.json.JsonFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict validation of envelope JSON into a {@link RecordEnvelope}; every error names its field. */
final class EnvelopeReader {
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final String[] MEMBERS =
        {"v", "form", "deviceId", "keyId", "capturedAt", "payload", "attachments", "recordId", "sig"};

    private EnvelopeReader() {
    }

    static RecordEnvelope read(Object json) {
        try {
            JsonFields f = JsonFields.of(json, "").allowOnly(MEMBERS);
            for (String name : MEMBERS) {
                f.required(name);
            }
            long v = f.integer("v", Long.MIN_VALUE, Long.MAX_VALUE);
            require(v == RecordEnvelope.VERSION, "v: got " + v + ", want " + RecordEnvelope.VERSION);
            JsonFields form = f.object("form").allowOnly("id", "version");
            FormRef formRef = new FormRef(form.string("id"), form.string("version"));
            return new RecordEnvelope(formRef, f.string("deviceId"), f.string("keyId"), instant(f, "capturedAt"),
                    f.object("payload").map(), attachments(f.array("attachments")), f.string("recordId"),
                    f.string("sig"));
        } catch (JsonException | IllegalArgumentException e) {
            throw new EnvelopeException(e.getMessage(), e);
        }
    }

    /** Checks every field invariant of {@link RecordEnvelope} except the payload; throws naming the field. */
    static void checkFields(String deviceId, String keyId, String recordId, String sig) {
        require(deviceId != null && DEVICE_ID.matcher(deviceId).matches(),
                "deviceId: got '" + deviceId + "', want " + DEVICE_ID.pattern());
        require(Hex.isHex(keyId, 16), "keyId: got '" + keyId + "', want 32 lowercase hex characters");
        require(Hex.isHex(recordId, 32), "recordId: got '" + recordId + "', want 64 lowercase hex characters");
        checkBase64Signature(sig);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new EnvelopeException(message);
        }
    }

    static Instant instant(JsonFields f, String name) {
        try {
            return Timestamps.parse(f.string(name));
        } catch (IllegalArgumentException e) {
            throw new JsonException(f.path(name) + ": " + e.getMessage());
        }
    }

    private static void checkBase64Signature(String sig) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(sig == null ? "?" : sig);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException("sig: got non-base64 text, want base64 of a DER SM2 signature");
        }
        require(Base64.getEncoder().encodeToString(der).equals(sig) && der.length >= 8 && der.length <= 80,
                "sig: got " + der.length + " bytes in non-canonical or odd base64, "
                        + "want canonical padded base64 of 8..80 bytes");
    }

    /** Checks clientId and number exactness, returns a deep immutable copy. */
    static Map<String, Object> checkedPayload(Map<String, Object> payload) {
        require(payload != null, "payload: missing, want object");
        Object clientId = payload.get("clientId");
        require(clientId instanceof String s && UuidV7.isValid(s), "payload.clientId: got "
                + (clientId instanceof String ? "'" + clientId + "'" : JsonFields.typeName(clientId))
                + ", want a UUIDv7 (lowercase 8-4-4-4-12, version 7, variant 10)");
        try {
            requireExactNumbers(payload, "payload");
            Jcs.canonicalize(payload);
        } catch (JsonException e) {
            throw new EnvelopeException(e.getMessage().startsWith("payload") ? e.getMessage()
                    : "payload: " + e.getMessage(), e);
        }
        return immutableCopy(payload);
    }

    /** Checks unique attachment names, returns an immutable copy. */
    static List<AttachmentRef> checkedAttachments(List<AttachmentRef> attachments) {
        require(attachments != null, "attachments: missing, want array");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attachments.size(); i++) {
            String name = attachments.get(i).name();
            require(names.add(name), "attachments[" + i + "].name: got duplicate '" + name + "', want unique names");
        }
        return List.copyOf(attachments);
    }

    private static List<AttachmentRef> attachments(List<Object> list) {
        List<AttachmentRef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "attachments[" + i + "]";
            JsonFields a = JsonFields.of(list.get(i), path).allowOnly("name", "mediaType", "size", "sm3");
            try {
                out.add(new AttachmentRef(a.string("name"), a.string("mediaType"),
                        a.integer("size", 0, AttachmentRef.MAX_SIZE), a.string("sm3")));
            } catch (EnvelopeException e) {
                throw new JsonException(path + "." + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Numbers must mean the same after JCS turns them into doubles: 0.1 passes, 12345678901234567890 does not
     * (it would be signed as 12345678901234567000). Long digit strings such as ID numbers belong in strings.
     */
    static void requireExactNumbers(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> requireExactNumbers(x, path + "." + k));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                requireExactNumbers(l.get(i), path + "[" + i + "]");
            }
        } else if (v instanceof Number n) {
            BigDecimal given = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            String canonical = Jcs.number(given);
            if (new BigDecimal(canonical).compareTo(given) != 0) {
                throw new JsonException(path + ": got " + given + ", which canonicalizes to " + canonical
                        + "; want a number exact as an IEEE double (send long digit strings as strings)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T immutableCopy(T v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, immutableCopy(x)));
            return (T) Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(immutableCopy(x)));
            return (T) Collections.unmodifiableList(out);
        }
        return v;
    }
}
