package cn.citygrid.sync.protocol.cert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.OpenSsl;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SM2 certificates parse in OpenSSL 3 (never skipped). Chain verification is not cross-checked here: the
 * OpenSSL 3.0 command line cannot verify SM2 certificate signatures under the GM/T 0009 default ID (it fails
 * even on chains it issued itself, "ASN1_item_verify_ctx:EVP lib"), so a failure would prove nothing.
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
}
