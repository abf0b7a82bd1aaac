package cn.citygrid.sync.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 signatures (GB/T 32918.2) on the recommended curve sm2p256v1 with SM3, through Bouncy Castle's lightweight
 * API (no JCA provider is registered).
 *
 * <p>The signer's user ID enters the signature through Z<sub>A</sub>; both sides must use the same ID, and some
 * libraries silently default to a different one (OpenSSL 3: empty). Every call here therefore takes the ID
 * explicitly; the protocol uses {@link #DEFAULT_USER_ID} (GM/T 0009-2012) everywhere.
 *
 * <p>Signatures are DER {@code SEQUENCE { INTEGER r, INTEGER s }}; verification rejects non-DER encodings.
 * All methods are thread-safe.
 */
public final class Sm2 {
    /** GM/T 0009-2012 default user ID, {@code "1234567812345678"}. */
    public static final String DEFAULT_USER_ID = "1234567812345678";

    static final ECNamedDomainParameters DOMAIN = namedDomain();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ID_BYTES = 8191;

    private Sm2() {
    }

    /** A fresh key pair from a shared {@link SecureRandom}. */
    public static Sm2KeyPair generateKeyPair() {
        return generateKeyPair(RANDOM);
    }

    /** A fresh key pair drawn from {@code random}. */
    public static Sm2KeyPair generateKeyPair(SecureRandom random) {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        return new Sm2KeyPair(new Sm2PrivateKey((ECPrivateKeyParameters) kp.getPrivate()),
                new Sm2PublicKey((ECPublicKeyParameters) kp.getPublic()));
    }

    /**
     * SM3withSM2 signature of {@code message} under {@code userId}, DER encoded.
     *
     * @param userId the signer's distinguishing ID (UTF-8, at most 8191 bytes); usually {@link #DEFAULT_USER_ID}
     */
    public static byte[] sign(Sm2PrivateKey key, String userId, byte[] message) {
        return sign(key, userId, message, RANDOM);
    }

    /** As {@link #sign(Sm2PrivateKey, String, byte[])} with the nonce k drawn from {@code random}. */
    public static byte[] sign(Sm2PrivateKey key, String userId, byte[] message, SecureRandom random) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key.params(), random), idBytes(userId)));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (org.bouncycastle.crypto.CryptoException e) {
            throw new CryptoException("SM2 signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * True iff {@code derSignature} is a valid DER SM3withSM2 signature of {@code message} by {@code key} under
     * {@code userId}. Malformed signatures give false, never an exception.
     */
    public static boolean verify(Sm2PublicKey key, String userId, byte[] message, byte[] derSignature) {
        SM2Signer signer = new SM2Signer();
        signer.init(false, new ParametersWithID(key.params(), idBytes(userId)));
        signer.update(message, 0, message.length);
        return signer.verifySignature(derSignature);
    }

    /** {@link Sm2PublicKey#keyId()} of {@code key}: hex of the first 16 bytes of SM3(SPKI DER). */
    public static String keyId(Sm2PublicKey key) {
        return key.keyId();
    }

    static void requireSm2Curve(ECDomainParameters params) {
        boolean same = params.getCurve().equals(DOMAIN.getCurve()) && params.getG().equals(DOMAIN.getG())
                && params.getN().equals(DOMAIN.getN());
        if (!same) {
            throw new CryptoException(
                    "got an EC key on another curve, want sm2p256v1 (1.2.156.10197.1.301)");
        }
    }

    private static byte[] idBytes(String userId) {
        byte[] id = userId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("got user ID of " + id.length + " bytes, want at most " + MAX_ID_BYTES);
        }
        return id;
    }

    private static ECNamedDomainParameters namedDomain() {
        // CustomNamedCurves has BC's specialised sm2p256v1 field arithmetic, about 4x faster than the generic
        // curve GMNamedCurves returns; keys decoded elsewhere are re-anchored on this domain.
        X9ECParameters x9 = CustomNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        return new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, x9);
    }
}
