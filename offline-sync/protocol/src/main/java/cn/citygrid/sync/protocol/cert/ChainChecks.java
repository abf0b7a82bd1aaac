package cn.citygrid.sync.protocol.cert;

import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The ordered checks behind {@link DeviceCertificates#verifyChain}; each failure says which certificate and why. */
final class ChainChecks {
    private ChainChecks() {
    }

    static void verify(Sm2Certificate device, Sm2Certificate ca, Instant at) {
        check(ca.isCa(), "CA certificate " + ca.subject() + " is not a CA (basicConstraints cA is not true)");
        check(ca.hasKeyUsage(KeyUsage.keyCertSign), "CA certificate " + ca.subject() + " lacks keyUsage keyCertSign");
        check(ca.signedBy(ca.publicKey()), "CA certificate " + ca.subject()
                + " is not validly self-signed with SM3withSM2");
        validAt("CA certificate", ca, at);
        check(device.issuer().equals(ca.subject()), "device certificate issuer " + device.issuer()
                + " is not the CA " + ca.subject());
        check(device.signedBy(ca.publicKey()), "device certificate " + device.subject()
                + " signature does not verify under the CA key " + ca.publicKey().keyId());
        check(!device.isCa(), "device certificate " + device.subject() + " is a CA certificate");
        check(device.hasKeyUsage(KeyUsage.digitalSignature), "device certificate " + device.subject()
                + " lacks keyUsage digitalSignature");
        String uri = DeviceCertificates.DEVICE_URN + device.commonName();
        check(device.deviceUri().filter(uri::equals).isPresent(), "device certificate " + device.subject()
                + " subjectAltName got " + device.deviceUri().orElse("none") + ", want " + uri);
        validAt("device certificate", device, at);
    }

    private static void validAt(String what, Sm2Certificate c, Instant at) {
        check(!at.isBefore(c.notBefore()), what + " " + c.subject() + " not yet valid at " + at + " (valid from "
                + c.notBefore() + ")");
        check(!at.isAfter(c.notAfter()), what + " " + c.subject() + " expired at " + c.notAfter() + ", checked at " + at);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new CertificateChainException(message);
        }
    }
}
