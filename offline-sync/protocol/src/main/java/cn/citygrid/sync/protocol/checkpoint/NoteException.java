package cn.citygrid.sync.protocol.checkpoint;

/** A signed note or checkpoint that is malformed or does not verify; the message says exactly what. */
public final class NoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoteException(String message) {
        super(message);
    }
}
