package cn.citygrid.sync.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Keyed blind index for exact lookup of encrypted values (ID numbers, phone numbers):
 * {@code hex(HMAC-SM3(indexKey, UTF-8(field) ‖ 0x00 ‖ UTF-8(normalize(value))))}.
 *
 * <p>The field name separates indexes of different columns, so equal values in two columns do not link.
 * The index key must differ from every SM4 encryption key. Immutable and thread-safe.
 */
public final class BlindIndex {
    private static final int MIN_KEY_BYTES = 16;
    private final byte[] key;

    /** @param key at least 16 bytes, used only for blind indexes */
    public BlindIndex(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("got index key of " + key.length + " bytes, want at least 16");
        }
        this.key = key.clone();
    }

    /**
     * The index of {@code value} in column {@code field}: 64 lowercase hex characters.
     *
     * @param field non-empty, without NUL
     */
    public String index(String field, String value) {
        if (field.isEmpty() || field.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("got field name '" + field + "', want non-empty without NUL");
        }
        byte[] f = field.getBytes(StandardCharsets.UTF_8);
        byte[] v = normalize(value).getBytes(StandardCharsets.UTF_8);
        return Hex.encode(HmacSm3.mac(key, f, new byte[] {0}, v));
    }

    /**
     * Normalization applied before indexing: Unicode NFKC (full-width digits become ASCII), then every
     * whitespace character and hyphen removed, then upper case (the ID-number check letter {@code x} = {@code X}).
     */
    public static String normalize(String value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return nfkc.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }
}
