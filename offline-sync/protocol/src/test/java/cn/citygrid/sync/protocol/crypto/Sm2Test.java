package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;

class Sm2Test {
    private static final byte[] MSG = "网格员上门走访".getBytes(StandardCharsets.UTF_8);
    private final Sm2KeyPair pair = Sm2.generateKeyPair();

    @Test
    void verify_ofOwnSignature_succeeds() {
        byte[] sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, MSG);
        assertThat(Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, MSG, sig)).isTrue();
    }

    @Test
    void verify_whenUserIdDiffers_fails() {
        byte[] sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, MSG);
        assertThat(Sm2.verify(pair.publicKey(), "", MSG, sig)).isFalse();
    }

    @Test
    void verify_whenAnySignatureBitFlipped_failsWithoutThrowing() {
        byte[] sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, MSG);
        for (int bit = 0; bit < sig.length * 8; bit++) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, MSG, bad)).as("bit %d", bit).isFalse();
        }
        assertThat(Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, MSG, new byte[0])).isFalse();
        assertThat(Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, MSG, Arrays.copyOf(sig, sig.length + 1))).isFalse();
    }

    @Test
    void verify_byAnotherKey_fails() {
        byte[] sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, MSG);
        assertThat(Sm2.verify(Sm2.generateKeyPair().publicKey(), Sm2.DEFAULT_USER_ID, MSG, sig)).isFalse();
    }

    @Test
    void keys_roundTripThroughDerAndPem() {
        Sm2PrivateKey priv = Sm2PrivateKey.fromPem(pair.privateKey().toPem());
        Sm2PublicKey pub = Sm2PublicKey.fromPem(pair.publicKey().toPem());
        assertThat(pub).isEqualTo(pair.publicKey());
        assertThat(priv.publicKey()).isEqualTo(pair.publicKey());
        assertThat(Sm2PrivateKey.fromPkcs8(pair.privateKey().pkcs8()).publicKey()).isEqualTo(pair.publicKey());
        assertThat(pair.privateKey().toPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(pair.publicKey().toPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(pair.privateKey().toString()).doesNotContain(pair.privateKey().toPem().substring(30, 40));
    }

    @Test
    void keyId_isHexOfFirst16BytesOfSm3OfSpki() {
        String expected = Hex.encode(Arrays.copyOf(Sm3.digest(pair.publicKey().spki()), 16));
        assertThat(Sm2.keyId(pair.publicKey())).isEqualTo(expected).hasSize(32);
    }

    @Test
    void fromSpki_whenKeyIsOnP256_failsNamingTheCurve() throws Exception {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        var x9 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
        gen.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, x9),
                new java.security.SecureRandom()));
        byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(gen.generateKeyPair().getPublic()).getEncoded();
        assertThatThrownBy(() -> Sm2PublicKey.fromSpki(spki)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("want sm2p256v1");
    }

    @Test
    void fromSpki_whenGarbage_failsAsCryptoException() {
        assertThatThrownBy(() -> Sm2PublicKey.fromSpki(new byte[] {0x30, 0x03, 1, 2, 3}))
                .isInstanceOf(CryptoException.class).hasMessageContaining("not SubjectPublicKeyInfo");
        assertThatThrownBy(() -> Sm2PublicKey.fromPem("hello")).hasMessageContaining("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void keys_fromAnyPath_useBouncyCastlesSpecialisedSm2Curve() {
        Class<?> fast = org.bouncycastle.math.ec.custom.gm.SM2P256V1Curve.class;
        assertThat(pair.publicKey().params().getParameters().getCurve()).isInstanceOf(fast);
        assertThat(Sm2PublicKey.fromPem(pair.publicKey().toPem()).params().getParameters().getCurve()).isInstanceOf(fast);
        assertThat(Sm2PrivateKey.fromPem(pair.privateKey().toPem()).params().getParameters().getCurve()).isInstanceOf(fast);
    }

    @Test
    void sign_whenUserIdTooLong_fails() {
        String id = "x".repeat(8192);
        assertThatThrownBy(() -> Sm2.sign(pair.privateKey(), id, MSG))
                .hasMessage("got user ID of 8192 bytes, want at most 8191");
    }
}
