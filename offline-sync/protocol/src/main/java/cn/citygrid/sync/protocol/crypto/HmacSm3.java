package cn.citygrid.sync.protocol.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC (RFC 2104) over SM3; 32-byte tags. Stateless and thread-safe. */
public final class HmacSm3 {
    private HmacSm3() {
    }

    /**
     * HMAC-SM3 of the concatenation of {@code parts}.
     *
     * @param key any length; keys shorter than 32 bytes weaken the MAC (not checked here)
     */
    public static byte[] mac(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        for (byte[] p : parts) {
            mac.update(p, 0, p.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
