package cn.citygrid.sync.client.key;

import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.crypto.CryptoException;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.crypto.Sm4Gcm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The phone's SM2 device key, kept in the local store sealed with SM4-GCM under a key derived from the user's
 * PIN by {@link PinKdf} (Argon2id). The private key exists in clear only in memory after {@link #unlock}.
 *
 * <p>Invariants: at most one key per store; the sealed bytes are the PKCS#8 DER of the private key in the
 * ledger.md §10 envelope (key id {@code "pin"}), with AAD {@code "citygrid.device-key|<deviceId>|<keyId>"} so a
 * sealed key cannot be swapped for another device's; a fresh 16-byte salt per sealing. PINs are at least
 * 6 characters. The store file is only as safe as the PIN against offline guessing: pair it with the
 * platform keystore where one exists (ADR 0034).
 */
public final class DeviceKeyStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalStore store;
    private final PinKdf kdf;

    public DeviceKeyStore(LocalStore store) {
        this(store, PinKdf.DEFAULT);
    }

    /** {@code kdf} applies to keys sealed from now on; existing ones open with their stored parameters. */
    public DeviceKeyStore(LocalStore store, PinKdf kdf) {
        this.store = store;
        this.kdf = kdf;
    }

    public boolean exists() {
        return store.read(c -> row(c).isPresent());
    }

    /** The public key, for enrolment ({@code POST /api/v1/devices}); no PIN needed. */
    public Optional<Sm2PublicKey> publicKey() {
        return store.read(c -> row(c).map(r -> Sm2PublicKey.fromSpki(r.publicKey())));
    }

    /**
     * Generates a new SM2 key pair for {@code deviceId} and stores it sealed under {@code pin}.
     *
     * @throws IllegalStateException if the store already holds a device key
     */
    public DeviceKey create(String deviceId, char[] pin) {
        requirePin(pin);
        Sm2KeyPair pair = Sm2.generateKeyPair();
        DeviceKey key = new DeviceKey(deviceId, pair.privateKey());
        Sealed sealed = seal(key, pin);
        store.inTransaction(c -> {
            if (row(c).isPresent()) {
                throw new IllegalStateException("the store already holds a device key");
            }
            insert(c, key, sealed);
            return null;
        });
        return key;
    }

    /**
     * Opens the stored key with {@code pin}.
     *
     * @throws WrongPinException    if the PIN does not authenticate the sealed key
     * @throws IllegalStateException if there is no key
     */
    public DeviceKey unlock(char[] pin) throws WrongPinException {
        Row r = store.read(DeviceKeyStore::row).orElseThrow(() -> new IllegalStateException("no device key stored"));
        byte[] kek = PinKdf.parse(r.kdf()).derive(pin, r.salt());
        try {
            byte[] pkcs8 = Sm4Gcm.open(kek, r.sealed(), aad(r.deviceId(), r.keyId()));
            return new DeviceKey(r.deviceId(), Sm2PrivateKey.fromPkcs8(pkcs8));
        } catch (CryptoException e) {
            throw new WrongPinException();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Re-seals the key under {@code newPin} (with the current KDF parameters and a new salt). */
    public void changePin(char[] oldPin, char[] newPin) throws WrongPinException {
        requirePin(newPin);
        DeviceKey key = unlock(oldPin);
        Sealed sealed = seal(key, newPin);
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE device_key SET kdf = ?, salt = ?, sealed = ? WHERE slot = 'device'")) {
                ps.setString(1, sealed.kdf());
                ps.setBytes(2, sealed.salt());
                ps.setBytes(3, sealed.bytes());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private record Sealed(String kdf, byte[] salt, byte[] bytes) {}

    private Sealed seal(DeviceKey key, char[] pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] kek = kdf.derive(pin, salt);
        try {
            return new Sealed(kdf.text(), salt, Sm4Gcm.seal("pin", kek, key.privateKey().pkcs8(),
                    aad(key.deviceId(), key.keyId())));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] aad(String deviceId, String keyId) {
        return ("citygrid.device-key|" + deviceId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static void requirePin(char[] pin) {
        if (pin == null || pin.length < 6) {
            throw new IllegalArgumentException("got a PIN of " + (pin == null ? 0 : pin.length)
                    + " characters, want at least 6");
        }
    }

    private record Row(String deviceId, String keyId, byte[] publicKey, String kdf, byte[] salt, byte[] sealed) {}

    private static Optional<Row> row(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, key_id, public_key, kdf, salt, sealed FROM device_key WHERE slot = 'device'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
                    rs.getBytes(5), rs.getBytes(6))) : Optional.empty();
        }
    }

    private static void insert(Connection c, DeviceKey key, Sealed sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_key (slot, device_id, key_id, public_key, "
                + "kdf, salt, sealed, created_at) VALUES ('device', ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, key.deviceId());
            ps.setString(2, key.keyId());
            ps.setBytes(3, key.publicKey().spki());
            ps.setString(4, sealed.kdf());
            ps.setBytes(5, sealed.salt());
            ps.setBytes(6, sealed.bytes());
            ps.setLong(7, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }
}
