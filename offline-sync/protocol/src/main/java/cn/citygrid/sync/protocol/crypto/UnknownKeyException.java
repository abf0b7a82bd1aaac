package cn.citygrid.sync.protocol.crypto;

/** Sealed data names a key id that the {@link KeyRing} does not hold. */
public final class UnknownKeyException extends CryptoException {
    private static final long serialVersionUID = 1L;
    private final String keyId;

    public UnknownKeyException(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    /** The key id found in the sealed data. */
    public String keyId() {
        return keyId;
    }
}
