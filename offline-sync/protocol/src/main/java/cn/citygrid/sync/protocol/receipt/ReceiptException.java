package cn.citygrid.sync.protocol.receipt;

/** A receipt that is malformed or not for the given record; the message names the field. */
public final class ReceiptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReceiptException(String message) {
        super(message);
    }
}
