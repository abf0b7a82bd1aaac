package cn.citygrid.sync.protocol.cert;

import cn.citygrid.sync.protocol.crypto.CryptoException;
import cn.citygrid.sync.protocol.crypto.Pem;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An X.509 certificate carrying an SM2 public key, as DER or PEM {@code CERTIFICATE}. Decoding checks only that
 * it is a certificate with an sm2p256v1 key; trust comes from {@link DeviceCertificates#verifyChain}. Immutable.
 */
public final class Sm2Certificate {
    private final X509CertificateHolder holder;
    private final Sm2PublicKey publicKey;

    Sm2Certificate(X509CertificateHolder holder) {
        this.holder = holder;
        try {
            this.publicKey = Sm2PublicKey.fromSpki(holder.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        } catch (IOException | CryptoException e) {
            throw new CertificateChainException("certificate " + holder.getSubject() + " has no SM2 key: "
                    + e.getMessage(), e);
        }
    }

    /** Decodes DER. */
    public static Sm2Certificate fromDer(byte[] der) {
        try {
            return new Sm2Certificate(new X509CertificateHolder(der));
        } catch (IOException | RuntimeException e) {
            throw new CertificateChainException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Decodes a PEM {@code CERTIFICATE} block. */
    public static Sm2Certificate fromPem(String pem) {
        try {
            return fromDer(Pem.decode(Pem.CERTIFICATE, pem));
        } catch (CryptoException e) {
            throw new CertificateChainException(e.getMessage(), e);
        }
    }

    public byte[] der() {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new CertificateChainException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    public String toPem() {
        return Pem.encode(Pem.CERTIFICATE, der());
    }

    /** The subject's SM2 key (decoded once; cache this certificate to cache the key). */
    public Sm2PublicKey publicKey() {
        return publicKey;
    }

    /** Subject CN: the device id for device certificates, the CA name for the CA. */
    public String commonName() {
        return attribute(holder.getSubject(), BCStyle.CN).orElse("");
    }

    /** Subject OU: the worker id on device certificates. */
    public Optional<String> workerId() {
        return attribute(holder.getSubject(), BCStyle.OU);
    }

    /** The {@code urn:citygrid:device:<id>} subjectAltName URI, if any. */
    public Optional<String> deviceUri() {
        Extension san = holder.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return Optional.empty();
        }
        return Arrays.stream(GeneralNames.getInstance(san.getParsedValue()).getNames())
                .filter(n -> n.getTagNo() == GeneralName.uniformResourceIdentifier)
                .map(n -> n.getName().toString()).filter(u -> u.startsWith(DeviceCertificates.DEVICE_URN))
                .findFirst();
    }

    public Instant notBefore() {
        return holder.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return holder.getNotAfter().toInstant();
    }

    public String subject() {
        return holder.getSubject().toString();
    }

    public String issuer() {
        return holder.getIssuer().toString();
    }

    /** True iff basicConstraints says cA. */
    public boolean isCa() {
        BasicConstraints bc = BasicConstraints.fromExtensions(holder.getExtensions());
        return bc != null && bc.isCA();
    }

    /** True iff keyUsage is present and has {@code usage} (a {@link KeyUsage} bit). */
    public boolean hasKeyUsage(int usage) {
        KeyUsage ku = KeyUsage.fromExtensions(holder.getExtensions());
        return ku != null && ku.hasUsages(usage);
    }

    /** True iff this certificate's signature is SM3withSM2 by {@code issuerKey} over its TBS bytes. */
    boolean signedBy(Sm2PublicKey issuerKey) {
        if (!Sm2ContentSigner.SM3_WITH_SM2.equals(holder.getSignatureAlgorithm())) {
            return false;
        }
        try {
            byte[] tbs = holder.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
            return Sm2.verify(issuerKey, Sm2.DEFAULT_USER_ID, tbs, holder.getSignature());
        } catch (IOException e) {
            return false;
        }
    }

    X509CertificateHolder holder() {
        return holder;
    }

    private static Optional<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sm2Certificate c && c.holder.equals(holder);
    }

    @Override
    public int hashCode() {
        return holder.hashCode();
    }

    @Override
    public String toString() {
        return "Sm2Certificate[" + subject() + "]";
    }
}
