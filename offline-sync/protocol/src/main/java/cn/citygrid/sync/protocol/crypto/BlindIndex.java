package cn.citygrid.sync.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Keyed blind index for exact lookup of encrypted values (ID numbers, phone numbers):
 * {@code hex(HMAC-SM3(indexKey, UTF-8(field) ‖ 0x00 ‖ UTF-8(normalize(value))))}.
 *
 * <p>The field name separates indexes of different columns, so equal values in two columns do not link.
 * The index key must differ from every SM4 encryption key. Immutable and thread-safe.
 */
public final class BlindIndex {
    private static final int MIN_KEY_BYTES = 16;
    private static final Pattern SPACES_AND_HYPHENS = Pattern.compile("[\\s\\-]");
    private final byte[] key;
    /** Each thread's HMAC, keyed once: doFinal returns it to its keyed state (saves two SM3 blocks a value). */
    private final ThreadLocal<HMac> macs;

    /** @param key at least 16 bytes, used only for blind indexes */
    public BlindIndex(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("got index key of " + key.length + " bytes, want at least 16");
        }
        this.key = key.clone();
        this.macs = ThreadLocal.withInitial(() -> {
            HMac mac = new HMac(new SM3Digest());
            mac.init(new KeyParameter(this.key));
            return mac;
        });
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
        HMac mac = macs.get();
        mac.update(f, 0, f.length);
        mac.update((byte) 0);
        mac.update(v, 0, v.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.encode(out);
    }

    /**
     * Normalization applied before indexing: Unicode NFKC (full-width digits become ASCII), then every
     * whitespace character and hyphen removed, then upper case (the ID-number check letter {@code x} = {@code X}).
     */
    public static String normalize(String value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return SPACES_AND_HYPHENS.matcher(nfkc).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
