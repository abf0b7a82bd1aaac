package cn.citygrid.sync.protocol.crypto;

import java.util.Base64;

/**
 * RFC 7468 PEM text: {@code -----BEGIN <label>-----}, base64 in 64-character lines, {@code -----END <label>-----},
 * each line ending in LF. The decoder accepts CRLF and surrounding whitespace but requires the expected label.
 */
public final class Pem {
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String CERTIFICATE = "CERTIFICATE";

    private Pem() {
    }

    /** PEM text for {@code der} under {@code label}. */
    public static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END ").append(label).append("-----\n").toString();
    }

    /**
     * DER bytes inside the first PEM block labelled {@code label}.
     *
     * @throws CryptoException when the block is missing, unterminated or not base64
     */
    public static byte[] decode(String label, String pem) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        if (from < 0) {
            throw new CryptoException("got no '" + begin + "' line, want a PEM block labelled " + label);
        }
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new CryptoException("got no '" + end + "' line, want a terminated PEM block");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("[\\r\\n\\t ]", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("PEM " + label + " body is not base64: " + e.getMessage(), e);
        }
    }
}
