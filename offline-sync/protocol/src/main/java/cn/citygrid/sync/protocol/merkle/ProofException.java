package cn.citygrid.sync.protocol.merkle;

/** A Merkle proof that does not verify, or a request that breaks a precondition; the message says which. */
public final class ProofException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }
}
