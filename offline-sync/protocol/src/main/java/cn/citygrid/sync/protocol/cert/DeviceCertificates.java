package cn.citygrid.sync.protocol.cert;

import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The platform CA and device certificates: X.509 v3, SM3withSM2 signatures (user ID 1234567812345678), built
 * with Bouncy Castle's lightweight API.
 *
 * <p>Device certificate: subject {@code O=CityGrid, OU=<workerId>, CN=<deviceId>}, subjectAltName URI
 * {@code urn:citygrid:device:<deviceId>}, basicConstraints cA=false, keyUsage digitalSignature (critical).
 * CA certificate: self-signed, basicConstraints cA=true pathLen 0, keyUsage keyCertSign|cRLSign. Key
 * identifiers are the first 16 bytes of SM3(SPKI DER), i.e. the protocol key id. Validity is kept to whole
 * seconds (X.509 time precision).
 */
public final class DeviceCertificates {
    /** Prefix of the device subjectAltName URI. */
    public static final String DEVICE_URN = "urn:citygrid:device:";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCertificates() {
    }

    /** A self-signed CA certificate for {@code caKeys} with subject {@code O=CityGrid, CN=<commonName>}. */
    public static Sm2Certificate selfSignedCa(Sm2KeyPair caKeys, String commonName, Instant notBefore, Instant notAfter) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "CityGrid")
                .addRDN(BCStyle.CN, commonName).build();
        X509v3CertificateBuilder b = builder(subject, subject, caKeys.publicKey(), notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId(caKeys.publicKey())));
        } catch (CertIOException e) {
            throw new CertificateChainException("cannot build CA certificate: " + e.getMessage(), e);
        }
        return new Sm2Certificate(b.build(new Sm2ContentSigner(caKeys.privateKey())));
    }

    /**
     * Issues a device certificate.
     *
     * @throws IllegalArgumentException if ids are malformed, the validity is empty or outside the CA's, or
     *                                  {@code caKey} is not the key of {@code caCert}
     */
    public static Sm2Certificate issue(Sm2PrivateKey caKey, Sm2Certificate caCert, Sm2PublicKey devicePublicKey,
                                       String deviceId, String workerId, Instant notBefore, Instant notAfter) {
        requireId("deviceId", deviceId);
        requireId("workerId", workerId);
        if (!caKey.publicKey().equals(caCert.publicKey())) {
            throw new IllegalArgumentException("got a CA private key for " + caKey.publicKey().keyId()
                    + ", want the key of the CA certificate " + caCert.publicKey().keyId());
        }
        if (notBefore.isBefore(caCert.notBefore()) || notAfter.isAfter(caCert.notAfter())) {
            throw new IllegalArgumentException("got validity " + notBefore + ".." + notAfter
                    + ", want within the CA's " + caCert.notBefore() + ".." + caCert.notAfter());
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "CityGrid")
                .addRDN(BCStyle.OU, workerId).addRDN(BCStyle.CN, deviceId).build();
        X509v3CertificateBuilder b = builder(caCert.holder().getSubject(), subject, devicePublicKey, notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, DEVICE_URN + deviceId)));
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId(caCert.publicKey())));
        } catch (CertIOException e) {
            throw new CertificateChainException("cannot build device certificate: " + e.getMessage(), e);
        }
        return new Sm2Certificate(b.build(new Sm2ContentSigner(caKey)));
    }

    /**
     * Checks that {@code device} is a device certificate issued by {@code ca}, both valid at {@code at}.
     *
     * @throws CertificateChainException with the first failed check, e.g. "device certificate expired at …"
     */
    public static void verifyChain(Sm2Certificate device, Sm2Certificate ca, Instant at) {
        ChainChecks.verify(device, ca, at);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Sm2PublicKey key,
                                                    Instant notBefore, Instant notAfter) {
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant to = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("got notBefore " + from + " >= notAfter " + to + ", want earlier");
        }
        BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(from), Date.from(to),
                subject, SubjectPublicKeyInfo.getInstance(key.spki()));
        try {
            b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)));
        } catch (IOException e) {
            throw new CertificateChainException("cannot add key identifier: " + e.getMessage(), e);
        }
        return b;
    }

    private static byte[] keyId(Sm2PublicKey key) {
        return Hex.decode(key.keyId());
    }

    private static void requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("got " + what + " '" + id + "', want " + ID.pattern());
        }
    }
}
