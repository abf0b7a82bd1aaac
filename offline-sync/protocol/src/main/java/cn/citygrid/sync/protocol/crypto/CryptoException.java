package cn.citygrid.sync.protocol.crypto;

/** A key, ciphertext or encoding that cannot be used; the message says what and why. */
public class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
