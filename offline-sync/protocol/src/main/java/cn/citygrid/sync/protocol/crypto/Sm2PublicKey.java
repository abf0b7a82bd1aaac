package cn.citygrid.sync.protocol.crypto;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A decoded SM2 public key on sm2p256v1, ready to verify.
 *
 * <p>Decoding validates the point and costs far more than it looks; verification also builds a per-key
 * precomputation table on first use. Decode once and cache this object (it is immutable and thread-safe) when
 * the same key verifies many signatures.
 *
 * <p>Invariants: the point lies on sm2p256v1; {@link #spki()} is the canonical SubjectPublicKeyInfo DER
 * (id-ecPublicKey, named curve 1.2.156.10197.1.301, uncompressed point) whatever encoding it was decoded from;
 * {@link #keyId()} = lowercase hex of the first 16 bytes of SM3(spki()).
 */
public final class Sm2PublicKey {
    private final ECPublicKeyParameters params;
    private final byte[] spki;
    private final String keyId;

    Sm2PublicKey(ECPublicKeyParameters params) {
        this.params = params;
        this.spki = encodeSpki(params);
        this.keyId = Hex.encode(Arrays.copyOf(Sm3.digest(spki), 16));
    }

    /**
     * Decodes SubjectPublicKeyInfo DER.
     *
     * @throws CryptoException if the bytes are not an EC public key on sm2p256v1
     */
    public static Sm2PublicKey fromSpki(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("public key is not SubjectPublicKeyInfo DER: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPublicKeyParameters ec)) {
            throw new CryptoException("got a " + key.getClass().getSimpleName() + " public key, want SM2 (EC)");
        }
        Sm2.requireSm2Curve(ec.getParameters());
        // re-anchor the point on the named domain so the SPKI re-encodes canonically
        byte[] point = ec.getQ().getEncoded(false);
        return new Sm2PublicKey(new ECPublicKeyParameters(Sm2.DOMAIN.getCurve().decodePoint(point), Sm2.DOMAIN));
    }

    /** Decodes a PEM {@code PUBLIC KEY} block (SPKI). */
    public static Sm2PublicKey fromPem(String pem) {
        return fromSpki(Pem.decode(Pem.PUBLIC_KEY, pem));
    }

    /** Canonical SPKI DER (a copy). */
    public byte[] spki() {
        return spki.clone();
    }

    /** PEM {@code PUBLIC KEY} text of {@link #spki()}. */
    public String toPem() {
        return Pem.encode(Pem.PUBLIC_KEY, spki);
    }

    /** 32 lowercase hex characters: the first 16 bytes of SM3(SPKI DER). */
    public String keyId() {
        return keyId;
    }

    ECPublicKeyParameters params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sm2PublicKey k && Arrays.equals(spki, k.spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "Sm2PublicKey[" + keyId + "]";
    }

    private static byte[] encodeSpki(ECPublicKeyParameters params) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(params).getEncoded("DER");
        } catch (IOException e) {
            throw new CryptoException("cannot encode SM2 public key: " + e.getMessage(), e);
        }
    }
}
