package cn.citygrid.sync.protocol.crypto;

import java.io.IOException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An SM2 private key on sm2p256v1. Encodes as PKCS#8 {@code PrivateKeyInfo} DER (id-ecPublicKey, named curve
 * sm2p256v1) or PEM {@code PRIVATE KEY}, the form OpenSSL 3 reads and writes. Immutable and thread-safe;
 * {@link #toString()} never prints key material.
 */
public final class Sm2PrivateKey {
    private final ECPrivateKeyParameters params;

    Sm2PrivateKey(ECPrivateKeyParameters params) {
        this.params = params;
    }

    /**
     * Decodes PKCS#8 DER.
     *
     * @throws CryptoException if the bytes are not an EC private key on sm2p256v1
     */
    public static Sm2PrivateKey fromPkcs8(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("private key is not PKCS#8 DER: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKeyParameters ec)) {
            throw new CryptoException("got a " + key.getClass().getSimpleName() + " private key, want SM2 (EC)");
        }
        Sm2.requireSm2Curve(ec.getParameters());
        return new Sm2PrivateKey(new ECPrivateKeyParameters(ec.getD(), Sm2.DOMAIN));
    }

    /** Decodes a PEM {@code PRIVATE KEY} block (PKCS#8). */
    public static Sm2PrivateKey fromPem(String pem) {
        return fromPkcs8(Pem.decode(Pem.PRIVATE_KEY, pem));
    }

    /** PKCS#8 DER. */
    public byte[] pkcs8() {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(params).getEncoded("DER");
        } catch (IOException e) {
            throw new CryptoException("cannot encode SM2 private key: " + e.getMessage(), e);
        }
    }

    /** PEM {@code PRIVATE KEY} text of {@link #pkcs8()}. */
    public String toPem() {
        return Pem.encode(Pem.PRIVATE_KEY, pkcs8());
    }

    /** The public key [d]G. */
    public Sm2PublicKey publicKey() {
        var q = new FixedPointCombMultiplier().multiply(params.getParameters().getG(), params.getD()).normalize();
        return new Sm2PublicKey(new ECPublicKeyParameters(q, params.getParameters()));
    }

    ECPrivateKeyParameters params() {
        return params;
    }

    @Override
    public String toString() {
        return "Sm2PrivateKey[***]";
    }
}
