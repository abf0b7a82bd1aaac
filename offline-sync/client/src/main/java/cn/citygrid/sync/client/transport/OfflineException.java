package cn.citygrid.sync.client.transport;

/** The request got no HTTP answer (no network, refused, reset, timed out): the device is treated as offline. */
public final class OfflineException extends RuntimeException {
    public OfflineException(String message, Throwable cause) {
        super(message, cause);
    }
}
