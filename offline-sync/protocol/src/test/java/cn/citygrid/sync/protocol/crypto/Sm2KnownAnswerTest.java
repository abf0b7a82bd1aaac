package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.TestResources;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.junit.jupiter.api.Test;

/** GB/T 32918 signature vectors reproduced byte for byte by signing with the published nonce k. */
class Sm2KnownAnswerTest {
    private static Map<String, String> vector(int n) {
        return TestResources.keyValues("sm2-sign.txt", "# VECTOR", n - 1);
    }

    private static BigInteger big(String hex) {
        return new BigInteger(hex, 16);
    }

    private static String rs(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        return String.format("%064X%064X", r, s);
    }

    private static Sm2PrivateKey onCurveOf(Map<String, String> v) {
        if (v.containsKey("curve.p") && !"sm2p256v1".equals(v.get("curve"))) {
            BigInteger n = big(v.get("curve.n"));
            ECCurve curve = new ECCurve.Fp(big(v.get("curve.p")), big(v.get("curve.a")), big(v.get("curve.b")),
                    n, BigInteger.ONE);
            ECDomainParameters domain = new ECDomainParameters(curve,
                    curve.createPoint(big(v.get("curve.xG")), big(v.get("curve.yG"))), n, BigInteger.ONE);
            return new Sm2PrivateKey(new ECPrivateKeyParameters(big(v.get("dA")), domain));
        }
        return new Sm2PrivateKey(new ECPrivateKeyParameters(big(v.get("dA")), Sm2.DOMAIN));
    }

    private static void assertVector(int n) {
        Map<String, String> v = vector(n);
        Sm2PrivateKey key = onCurveOf(v);
        byte[] msg = v.get("M").getBytes(StandardCharsets.US_ASCII);
        byte[] sig = Sm2.sign(key, v.get("ID_A"), msg, new FixedKRandom(v.get("k")));
        assertThat(rs(sig)).isEqualTo(v.get("r") + v.get("s"));
        if (v.containsKey("sig.DER")) {
            assertThat(Hex.encode(sig)).isEqualTo(v.get("sig.DER").toLowerCase());
        }
        Sm2PublicKey pub = key.publicKey();
        if (v.containsKey("xA")) {
            assertThat(pub.params().getQ().getAffineXCoord().toBigInteger()).isEqualTo(big(v.get("xA")));
            assertThat(pub.params().getQ().getAffineYCoord().toBigInteger()).isEqualTo(big(v.get("yA")));
        }
        assertThat(Sm2.verify(pub, v.get("ID_A"), msg, sig)).isTrue();
        assertThat(Sm2.verify(pub, v.get("ID_A") + "x", msg, sig)).isFalse();
        assertThat(Sm2.verify(pub, v.get("ID_A"), "message digesT".getBytes(StandardCharsets.US_ASCII), sig)).isFalse();
    }

    @Test
    void sign_withFixedK_reproducesGbT32918AnnexA2OnTheTestCurve() {
        assertVector(1);
    }

    @Test
    void sign_withFixedK_reproducesSm2p256v1DefaultIdVector() {
        assertVector(2);
    }

    @Test
    void sign_withFixedK_reproducesSm2p256v1NonDefaultIdVector() {
        assertVector(3);
    }

    @Test
    void verify_acceptsPublishedV2SignatureWithDefaultUserId() {
        Map<String, String> v = vector(2);
        Sm2PublicKey pub = onCurveOf(v).publicKey();
        byte[] sig = Hex.decode(v.get("sig.DER").toLowerCase());
        byte[] msg = v.get("M").getBytes(StandardCharsets.US_ASCII);
        assertThat(v.get("ID_A")).isEqualTo(Sm2.DEFAULT_USER_ID);
        assertThat(Sm2.verify(pub, Sm2.DEFAULT_USER_ID, msg, sig)).isTrue();
        assertThat(Sm2.verify(pub, "", msg, sig)).as("OpenSSL's empty default ID must not verify").isFalse();
    }
}
