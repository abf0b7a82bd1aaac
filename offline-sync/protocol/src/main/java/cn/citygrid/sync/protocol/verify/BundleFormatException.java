package cn.citygrid.sync.protocol.verify;

/** A bundle file that is not JSON or lacks the bundle's shape: nothing can be checked ("unreadable input"). */
public final class BundleFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
