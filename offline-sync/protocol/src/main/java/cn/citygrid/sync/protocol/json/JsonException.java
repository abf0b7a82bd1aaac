package cn.citygrid.sync.protocol.json;

/** Text that is not strict JSON, or a value that has no JSON (or no canonical JSON) form. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }

    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
