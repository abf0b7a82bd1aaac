package cn.citygrid.sync.protocol.cert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.OpenSsl;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SM2 certificates against OpenSSL 3 (never skipped): they parse, and the certificate signature verifies in
 * {@code openssl pkeyutl} as SM3withSM2 over the TBSCertificate under the GM/T 0009 default ID. {@code openssl
 * verify} is not used: OpenSSL 3.0 checks SM2 certificate signatures with an empty user ID (checked by hand: a
 * certificate signed with ID "" passes {@code openssl verify}, one signed with 1234567812345678 fails), so it cannot
 * validate GM/T 0015-style certificates.
 */
class CertificateOpenSslInteropTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenSsl() {
        OpenSsl.requireOpenSsl3();
    }

    @Test
    void deviceCertificate_parsesInOpenSsl_withSm3WithSm2AndItsIds() throws IOException {
        Sm2KeyPair caKeys = Sm2.generateKeyPair();
        Sm2Certificate ca = DeviceCertificates.selfSignedCa(caKeys, "CityGrid Device CA", T0, T0.plusSeconds(4 * 365 * 86400L));
        Sm2Certificate device = DeviceCertificates.issue(caKeys.privateKey(), ca, Sm2.generateKeyPair().publicKey(),
                "dev-0042", "worker-17", T0, T0.plusSeconds(365 * 86400L));
        Files.writeString(dir.resolve("ca.pem"), ca.toPem());
        Files.writeString(dir.resolve("dev.pem"), device.toPem());
        String text = OpenSsl.exec(dir, "openssl", "x509", "-in", "dev.pem", "-noout", "-text");
        assertThat(text).contains("SM2-with-SM3").contains("CN = dev-0042").contains("OU = worker-17")
                .contains("URI:urn:citygrid:device:dev-0042");
    }

    @Test
    void deviceCertificateSignature_verifiesInOpenSslUnderTheDefaultId() throws IOException {
        Sm2KeyPair caKeys = Sm2.generateKeyPair();
        Sm2Certificate ca = DeviceCertificates.selfSignedCa(caKeys, "CityGrid Device CA", T0, T0.plusSeconds(86400L * 800));
        Sm2Certificate device = DeviceCertificates.issue(caKeys.privateKey(), ca, Sm2.generateKeyPair().publicKey(),
                "dev-1", "w-1", T0, T0.plusSeconds(86400L * 400));
        Certificate x509 = Certificate.getInstance(device.der());
        Files.write(dir.resolve("tbs.der"), x509.getTBSCertificate().getEncoded(ASN1Encoding.DER));
        Files.write(dir.resolve("sig.der"), x509.getSignature().getOctets());
        Files.writeString(dir.resolve("ca-pub.pem"), ca.publicKey().toPem());
        String ok = OpenSsl.exec(dir, "openssl", "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey",
                "ca-pub.pem", "-in", "tbs.der", "-sigfile", "sig.der", "-pkeyopt", "distid:" + Sm2.DEFAULT_USER_ID);
        assertThat(ok).contains("Signature Verified Successfully");
        OpenSsl.Result otherId = OpenSsl.run(dir, "openssl", "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin",
                "-inkey", "ca-pub.pem", "-in", "tbs.der", "-sigfile", "sig.der", "-pkeyopt", "distid:other");
        assertThat(otherId.exit()).as(otherId.output()).isNotZero();
    }
}
