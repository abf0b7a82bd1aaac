package cn.citygrid.sync.protocol.record;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, 74 random bits, variant 10; canonical
 * lowercase 8-4-4-4-12 text. Ids from one generator sort by creation time to the millisecond.
 */
public final class UuidV7 {
    private static final Pattern SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidV7() {
    }

    /** A new id for the current time. */
    public static String generate() {
        return generate(System.currentTimeMillis(), RANDOM);
    }

    /** A new id for {@code unixMillis} (0..2^48-1) with random bits from {@code random}. */
    public static String generate(long unixMillis, SecureRandom random) {
        if (unixMillis < 0 || unixMillis >= (1L << 48)) {
            throw new IllegalArgumentException("got time " + unixMillis + " ms, want 0..2^48-1");
        }
        byte[] r = new byte[10];
        random.nextBytes(r);
        long hi = (unixMillis << 16) | 0x7000L | ((r[0] & 0x0fL) << 8) | (r[1] & 0xffL);
        long lo = 0x8000000000000000L | ((r[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            lo |= (r[i] & 0xffL) << (8 * (9 - i));
        }
        String hex = String.format("%016x%016x", hi, lo);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** True iff {@code s} is canonical lowercase UUIDv7 text (version 7, variant 10). */
    public static boolean isValid(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }

    /** The Unix milliseconds embedded in a valid id. */
    public static long unixMillis(String uuid) {
        if (!isValid(uuid)) {
            throw new IllegalArgumentException("got '" + uuid + "', want a UUIDv7");
        }
        return Long.parseLong(uuid.substring(0, 8) + uuid.substring(9, 13), 16);
    }
}
