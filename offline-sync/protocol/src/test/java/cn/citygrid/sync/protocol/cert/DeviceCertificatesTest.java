package cn.citygrid.sync.protocol.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceCertificatesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Sm2KeyPair CA_KEYS = Sm2.generateKeyPair();
    private static final Sm2KeyPair DEVICE = Sm2.generateKeyPair();
    private static final Sm2Certificate CA = DeviceCertificates.selfSignedCa(CA_KEYS, "CityGrid Device CA", T0, T2);
    private final Sm2Certificate device = DeviceCertificates.issue(CA_KEYS.privateKey(), CA, DEVICE.publicKey(),
            "dev-0042", "worker-17", T0, T1);

    @Test
    void issue_putsDeviceAndWorkerIdsInSubjectAndSan() {
        assertThat(device.commonName()).isEqualTo("dev-0042");
        assertThat(device.workerId()).contains("worker-17");
        assertThat(device.deviceUri()).contains("urn:citygrid:device:dev-0042");
        assertThat(device.publicKey()).isEqualTo(DEVICE.publicKey());
        assertThat(device.isCa()).isFalse();
        assertThat(CA.isCa()).isTrue();
        assertThat(device.issuer()).isEqualTo(CA.subject());
    }

    @Test
    void verifyChain_ofIssuedCertificateWithinValidity_passes() {
        assertThatCode(() -> DeviceCertificates.verifyChain(device, CA, Instant.parse("2026-11-27T04:45:07Z")))
                .doesNotThrowAnyException();
        Sm2Certificate reread = Sm2Certificate.fromPem(device.toPem());
        assertThat(reread).isEqualTo(device);
        assertThatCode(() -> DeviceCertificates.verifyChain(reread, Sm2Certificate.fromDer(CA.der()), T0))
                .doesNotThrowAnyException();
    }

    @Test
    void verifyChain_whenExpired_failsNamingTheExpiry() {
        Instant late = Instant.parse("2027-06-01T00:00:00Z");
        assertThatThrownBy(() -> DeviceCertificates.verifyChain(device, CA, late))
                .isInstanceOf(CertificateChainException.class)
                .hasMessage("device certificate " + device.subject() + " expired at 2027-01-01T00:00:00Z, checked at "
                        + late);
    }

    @Test
    void verifyChain_whenNotYetValid_fails() {
        assertThatThrownBy(() -> DeviceCertificates.verifyChain(device, CA, Instant.parse("2025-12-31T23:59:59Z")))
                .hasMessageContaining("not yet valid at 2025-12-31T23:59:59Z");
    }

    @Test
    void verifyChain_whenCaHasAnotherName_failsOnIssuer() {
        Sm2Certificate other = DeviceCertificates.selfSignedCa(Sm2.generateKeyPair(), "Rogue CA", T0, T2);
        assertThatThrownBy(() -> DeviceCertificates.verifyChain(device, other, T0))
                .hasMessageStartingWith("device certificate issuer O=CityGrid,CN=CityGrid Device CA is not the CA");
    }

    @Test
    void verifyChain_whenCaHasSameNameButAnotherKey_failsOnSignature() {
        Sm2Certificate impostor = DeviceCertificates.selfSignedCa(Sm2.generateKeyPair(), "CityGrid Device CA", T0, T2);
        assertThatThrownBy(() -> DeviceCertificates.verifyChain(device, impostor, T0))
                .hasMessageContaining("signature does not verify under the CA key " + impostor.publicKey().keyId());
    }

    @Test
    void verifyChain_whenCaCertificateIsADeviceCertificate_fails() {
        assertThatThrownBy(() -> DeviceCertificates.verifyChain(device, device, T0))
                .hasMessageContaining("is not a CA");
    }

    @Test
    void issue_whenPreconditionsBroken_failsPrecisely() {
        assertThatThrownBy(() -> DeviceCertificates.issue(DEVICE.privateKey(), CA, DEVICE.publicKey(), "d", "w", T0, T1))
                .hasMessageStartingWith("got a CA private key for ");
        assertThatThrownBy(() -> DeviceCertificates.issue(CA_KEYS.privateKey(), CA, DEVICE.publicKey(), "d", "w", T0,
                Instant.parse("2031-01-01T00:00:00Z"))).hasMessageContaining("want within the CA's");
        assertThatThrownBy(() -> DeviceCertificates.issue(CA_KEYS.privateKey(), CA, DEVICE.publicKey(), "bad id", "w",
                T0, T1)).hasMessageStartingWith("got deviceId 'bad id'");
        assertThatThrownBy(() -> DeviceCertificates.issue(CA_KEYS.privateKey(), CA, DEVICE.publicKey(), "d", "w", T1, T1))
                .hasMessageStartingWith("got notBefore 2027-01-01T00:00:00Z >= notAfter");
    }

    @Test
    void fromPem_whenNotACertificate_fails() {
        assertThatThrownBy(() -> Sm2Certificate.fromPem(DEVICE.publicKey().toPem()))
                .isInstanceOf(CertificateChainException.class).hasMessageContaining("CERTIFICATE");
        assertThatThrownBy(() -> Sm2Certificate.fromDer(new byte[] {0x30, 0})).isInstanceOf(CertificateChainException.class);
    }
}
