package cn.citygrid.sync.server.attach;

/**
 * Why a store operation failed in a way the phone can act on (docs/sync-protocol.md §10). Suggested problem
 * types: {@link Kind#HASH_MISMATCH} → 422 {@code attachment-hash-mismatch} with {@link #expected()} and
 * {@link #actual()}; {@link Kind#UPLOAD_NOT_FOUND} → 404 {@code upload-not-found}; {@link Kind#NOT_FOUND} → 404;
 * {@link Kind#REFUSED} → 413 {@code attachment-refused}; {@link Kind#INVALID_PARTS} → 400 (the part list does
 * not match what S3 holds: a wrong ETag, a gap, or a part other than the last below 5 MiB).
 * Anything else (S3 down, I/O) comes as other exceptions and is a 5xx.
 */
public final class AttachmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { HASH_MISMATCH, UPLOAD_NOT_FOUND, NOT_FOUND, REFUSED, INVALID_PARTS }

    private final Kind kind;
    private final String expected;
    private final String actual;

    private AttachmentException(Kind kind, String message, String expected, String actual) {
        super(message, null, false, false);
        this.kind = kind;
        this.expected = expected;
        this.actual = actual;
    }

    public AttachmentException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    static AttachmentException hashMismatch(String expected, String actual, long size) {
        return new AttachmentException(Kind.HASH_MISMATCH,
                "uploaded bytes (" + size + " B) hash to " + actual + ", want " + expected, expected, actual);
    }

    static AttachmentException uploadNotFound(String sm3) {
        return new AttachmentException(Kind.UPLOAD_NOT_FOUND, "nothing was uploaded for " + sm3);
    }

    static AttachmentException notFound(String what) {
        return new AttachmentException(Kind.NOT_FOUND, "no " + what);
    }

    static AttachmentException invalidParts(String detail) {
        return new AttachmentException(Kind.INVALID_PARTS, "the parts do not complete the upload: " + detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The SM3 the phone announced ({@link Kind#HASH_MISMATCH} only, else null). */
    public String expected() {
        return expected;
    }

    /** The SM3 of the bytes the server read ({@link Kind#HASH_MISMATCH} only, else null). */
    public String actual() {
        return actual;
    }
}
