package cn.citygrid.sync.protocol.cert;

/** A certificate that is malformed or does not chain; the message names the certificate and the reason. */
public final class CertificateChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CertificateChainException(String message) {
        super(message);
    }

    public CertificateChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
