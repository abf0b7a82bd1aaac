package cn.citygrid.sync.client.key;

import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;

/**
 * The unlocked signing identity of this phone: its enrolled device id and SM2 private key. Hold it only while the
 * app is unlocked; never persist it outside {@link DeviceKeyStore}.
 */
public record DeviceKey(String deviceId, Sm2PrivateKey privateKey) {
    public DeviceKey {
        if (deviceId == null || !deviceId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("got device id '" + deviceId + "', want [A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
        }
    }

    public Sm2PublicKey publicKey() {
        return privateKey.publicKey();
    }

    /** ledger.md §2 key id of the public key. */
    public String keyId() {
        return publicKey().keyId();
    }
}
