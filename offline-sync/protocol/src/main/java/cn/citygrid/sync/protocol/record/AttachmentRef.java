package cn.citygrid.sync.protocol.record;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A file that travels beside a record, bound to it by its SM3 hash.
 *
 * @param name      1..255 characters, no '/', '\' or control characters (unique within a record)
 * @param mediaType lowercase {@code type/subtype}, e.g. {@code image/jpeg}
 * @param size      byte length, 0..2^53-1
 * @param sm3       lowercase hex SM3 of the file bytes (64 characters)
 */
public record AttachmentRef(String name, String mediaType, long size, String sm3) {
    private static final Pattern NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,255}");
    private static final Pattern MEDIA = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");
    static final long MAX_SIZE = (1L << 53) - 1;

    public AttachmentRef {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EnvelopeException("name: got '" + name + "', want 1..255 characters without '/', '\\' or controls");
        }
        if (mediaType == null || !MEDIA.matcher(mediaType).matches()) {
            throw new EnvelopeException("mediaType: got '" + mediaType + "', want lowercase type/subtype");
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new EnvelopeException("size: got " + size + ", want 0.." + MAX_SIZE);
        }
        if (!Hex.isHex(sm3, 32)) {
            throw new EnvelopeException("sm3: got '" + sm3 + "', want 64 lowercase hex characters");
        }
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("mediaType", mediaType);
        m.put("size", BigDecimal.valueOf(size));
        m.put("sm3", sm3);
        return m;
    }
}
