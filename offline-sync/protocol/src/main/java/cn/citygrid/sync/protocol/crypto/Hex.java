package cn.citygrid.sync.protocol.crypto;

/**
 * Lowercase hexadecimal, the only hex spelling the protocol writes.
 *
 * <p>{@link #decode(String)} is strict: it accepts exactly the output of {@link #encode(byte[])}
 * (even length, characters {@code 0-9a-f}), so a value has one textual form.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lowercase hex of {@code bytes}; never null. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes lowercase hex.
     *
     * @throws IllegalArgumentException on odd length or any character outside {@code 0-9a-f}
     */
    public static byte[] decode(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("got hex of odd length " + hex.length() + ", want even length");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex, 2 * i) << 4) | digit(hex, 2 * i + 1));
        }
        return out;
    }

    /** True if {@code s} is lowercase hex of exactly {@code bytes} bytes. */
    public static boolean isHex(String s, int bytes) {
        if (s == null || s.length() != bytes * 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static int digit(String hex, int at) {
        char c = hex.charAt(at);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new IllegalArgumentException("got '" + c + "' at position " + at + ", want a lowercase hex digit");
    }
}
