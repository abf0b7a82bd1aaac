package cn.citygrid.sync.client.key;

/** The PIN does not open the stored device key (SM4-GCM authentication failed). */
public final class WrongPinException extends Exception {
    public WrongPinException() {
        super("wrong PIN: the device key does not open with it");
    }
}
