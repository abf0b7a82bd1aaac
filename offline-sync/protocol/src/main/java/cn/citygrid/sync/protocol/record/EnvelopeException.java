package cn.citygrid.sync.protocol.record;

/**
 * A record envelope (or log entry) that is malformed or does not verify. The message starts with the dotted
 * path of the offending field where there is one, e.g. {@code "payload.clientId: got 'x', want a UUIDv7"}.
 */
public final class EnvelopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
