package cn.citygrid.sync.client.store;

/** A local SQLite failure (disk full, corrupt file, a constraint the code did not expect). Unchecked. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
