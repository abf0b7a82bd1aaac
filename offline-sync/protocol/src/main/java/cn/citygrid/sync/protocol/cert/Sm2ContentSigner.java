package cn.citygrid.sync.protocol.cert;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * A Bouncy Castle {@link ContentSigner} for SM3withSM2 (OID 1.2.156.10197.1.501, no parameters) that signs
 * with {@link Sm2} and the explicit user ID {@link Sm2#DEFAULT_USER_ID} (GM/T 0015 certificates), without any
 * JCA provider. Single use: one instance per certificate.
 */
final class Sm2ContentSigner implements ContentSigner {
    static final AlgorithmIdentifier SM3_WITH_SM2 = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
    private final Sm2PrivateKey key;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Sm2ContentSigner(Sm2PrivateKey key) {
        this.key = key;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return SM3_WITH_SM2;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        return Sm2.sign(key, Sm2.DEFAULT_USER_ID, buffer.toByteArray());
    }
}
