package cn.citygrid.sync.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables4kGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4-GCM (RFC 8998) and the protocol's key-id envelope for data at rest.
 *
 * <p>Envelope bytes: {@code 0x01 ‖ keyIdLen (1 byte, 1..255) ‖ keyId (UTF-8) ‖ nonce (12 random bytes) ‖
 * ciphertext ‖ tag (16 bytes)}. The GCM additional data is the envelope header
 * ({@code 0x01 ‖ keyIdLen ‖ keyId}) followed by the caller's AAD (empty if none), so the key id cannot be
 * rewritten without failing authentication. Keys are 16 bytes. With random 96-bit nonces a key must not seal
 * more than 2<sup>32</sup> values; rotate through {@link KeyRing} well before that.
 */
public final class Sm4Gcm {
    public static final int KEY_SIZE = 16;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;
    public static final int VERSION = 0x01;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Each thread's GHASH tables. Building them took a third of a bulk import's CPU when every value
     * built its own; the multiplier keeps them while the key (its hash subkey) stays the same.
     */
    private static final ThreadLocal<GCMMultiplier> MULTIPLIERS = ThreadLocal.withInitial(Tables4kGCMMultiplier::new);

    private Sm4Gcm() {
    }

    /** Raw SM4-GCM: ciphertext ‖ 16-byte tag. {@code aad} may be empty. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return run(true, key, nonce, aad, plaintext);
    }

    /**
     * Raw SM4-GCM decryption of ciphertext ‖ tag.
     *
     * @throws CryptoException if the tag does not authenticate (wrong key, nonce, AAD, or altered bytes)
     */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        return run(false, key, nonce, aad, ciphertextAndTag);
    }

    /** Seals {@code plaintext} into an envelope naming {@code keyId}, with a fresh random nonce. */
    public static byte[] seal(String keyId, byte[] key, byte[] plaintext, byte[] aad) {
        byte[] header = header(keyId);
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        byte[] body = encrypt(key, nonce, concat(header, aad), plaintext);
        return concat(header, nonce, body);
    }

    /**
     * Opens an envelope with {@code key}, which the caller chose by {@link #keyIdOf(byte[])}.
     *
     * @throws CryptoException if the envelope is malformed or does not authenticate
     */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        String keyId = keyIdOf(sealed);
        int headerLength = 2 + (sealed[1] & 0xff);
        byte[] header = Arrays.copyOf(sealed, headerLength);
        byte[] nonce = Arrays.copyOfRange(sealed, headerLength, headerLength + NONCE_SIZE);
        byte[] body = Arrays.copyOfRange(sealed, headerLength + NONCE_SIZE, sealed.length);
        try {
            return decrypt(key, nonce, concat(header, aad), body);
        } catch (CryptoException e) {
            throw new CryptoException("sealed value under key '" + keyId + "' does not authenticate", e);
        }
    }

    /**
     * The key id named by an envelope.
     *
     * @throws CryptoException if the version byte is not 0x01, the key id is empty or not UTF-8, or the
     *                         envelope is too short to hold nonce and tag
     */
    public static String keyIdOf(byte[] sealed) {
        if (sealed.length < 2) {
            throw new CryptoException("got sealed value of " + sealed.length + " bytes, want at least 2");
        }
        if ((sealed[0] & 0xff) != VERSION) {
            throw new CryptoException(String.format("got envelope version 0x%02x, want 0x01", sealed[0] & 0xff));
        }
        int idLength = sealed[1] & 0xff;
        int minimum = 2 + idLength + NONCE_SIZE + TAG_SIZE;
        if (idLength == 0 || sealed.length < minimum) {
            throw new CryptoException("got sealed value of " + sealed.length + " bytes with key id length "
                    + idLength + ", want key id length >= 1 and at least " + minimum + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sealed, 2, idLength)).toString();
        } catch (CharacterCodingException e) {
            throw new CryptoException("envelope key id is not valid UTF-8", e);
        }
    }

    static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        if (id.length < 1 || id.length > 255) {
            throw new IllegalArgumentException("got key id of " + id.length + " UTF-8 bytes, want 1..255");
        }
        return concat(new byte[] {(byte) VERSION, (byte) id.length}, id);
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        requireLength("key", key, KEY_SIZE);
        requireLength("nonce", nonce, NONCE_SIZE);
        // A new cipher each time (it refuses a nonce it has just used; callers may pass one twice), the thread's tables.
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine(), MULTIPLIERS.get());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int n = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4-GCM tag does not authenticate", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static void requireLength(String what, byte[] b, int want) {
        if (b.length != want) {
            throw new IllegalArgumentException("got " + what + " of " + b.length + " bytes, want " + want);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
