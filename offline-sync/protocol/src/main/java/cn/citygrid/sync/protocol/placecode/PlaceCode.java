package cn.citygrid.sync.protocol.placecode;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a house or place QR code asserts: {@code {"t":"house"|"place","id":…,"issued":"2026-11-27","kid":…}}.
 *
 * @param kind   house or place
 * @param id     {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}}
 * @param issued issue date (ISO yyyy-MM-dd)
 * @param keyId  32 lowercase hex: the signing key's {@code Sm2PublicKey#keyId()}
 */
public record PlaceCode(Kind kind, String id, LocalDate issued, String keyId) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /** The {@code "t"} member. */
    public enum Kind {
        HOUSE("house"), PLACE("place");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public PlaceCode {
        if (kind == null || issued == null) {
            throw new IllegalArgumentException("got null " + (kind == null ? "kind" : "issued") + ", want a value");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("got id '" + id + "', want " + ID.pattern());
        }
        if (!Hex.isHex(keyId, 16)) {
            throw new IllegalArgumentException("got kid '" + keyId + "', want 32 lowercase hex characters");
        }
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", kind.json());
        m.put("id", id);
        m.put("issued", issued.toString());
        m.put("kid", keyId);
        return m;
    }
}
