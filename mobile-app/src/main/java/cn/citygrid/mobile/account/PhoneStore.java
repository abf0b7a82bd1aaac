package cn.citygrid.mobile.account;

import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.key.DeviceKeyStore;
import cn.citygrid.sync.client.key.WrongPinException;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.store.SyncState;
import cn.citygrid.sync.protocol.crypto.CryptoException;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.crypto.Sm4Gcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One worker's data on this phone: the SQLite store of offline-sync (outbox, replica, drafts, the PIN-sealed
 * device key) in {@code <dataDir>/workers/<username>/}, plus the app's own small values in its
 * {@code sync_state} table under {@code app.*} keys: the account (for offline starts), the device's approval
 * state, and the refresh token sealed with SM4-GCM under a key derived from the device private key, so it can
 * be read only after the PIN unlocked that key. {@code <dataDir>/last-user} names the worker of the last start.
 */
public final class PhoneStore implements AutoCloseable {
    static final String ACCOUNT = "app.account";
    static final String DEVICE_STATUS = "app.deviceStatus";
    static final String SESSION = "app.session";
    private final LocalStore store;
    private final DeviceKeyStore keys;

    private PhoneStore(LocalStore store) {
        this.store = store;
        this.keys = new DeviceKeyStore(store);
    }

    public static PhoneStore open(Path dataDir, String username) {
        if (!username.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("got username '" + username + "', want [A-Za-z0-9._-]{1,64}");
        }
        PhoneStore s = new PhoneStore(LocalStore.open(dataDir.resolve("workers").resolve(username).resolve("citygrid.db")));
        try {
            Files.writeString(dataDir.resolve("last-user"), username, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** The worker of the last start whose phone holds a device key, if any. */
    public static Optional<String> lastWorker(Path dataDir) {
        Path last = dataDir.resolve("last-user");
        try {
            if (!Files.exists(last)) {
                return Optional.empty();
            }
            String user = Files.readString(last, StandardCharsets.UTF_8).trim();
            return Files.exists(dataDir.resolve("workers").resolve(user).resolve("citygrid.db")) ? Optional.of(user)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalStore store() {
        return store;
    }

    public boolean hasDeviceKey() {
        return keys.exists();
    }

    /** Generates the SM2 key on the phone, sealed under the PIN (Argon2id; takes a moment: not on the FX thread). */
    public DeviceKey createKey(String deviceId, char[] pin) {
        return keys.create(deviceId, pin);
    }

    public DeviceKey unlock(char[] pin) throws WrongPinException {
        return keys.unlock(pin);
    }

    public Optional<Account> account() {
        return value(ACCOUNT).map(Session::accountFromJson);
    }

    public void saveAccount(Account a) {
        put(ACCOUNT, Session.toJson(a));
    }

    /** pending, approved, rejected or revoked, as last learned from the server. */
    public Optional<String> deviceStatus() {
        return value(DEVICE_STATUS);
    }

    public void saveDeviceStatus(String status) {
        put(DEVICE_STATUS, status);
    }

    public void saveRefreshToken(DeviceKey key, String token) {
        byte[] kek = sessionKey(key);
        try {
            put(SESSION, Hex.encode(Sm4Gcm.seal("session", kek, token.getBytes(StandardCharsets.UTF_8), aad(key))));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    public Optional<String> refreshToken(DeviceKey key) {
        byte[] kek = sessionKey(key);
        try {
            return value(SESSION).map(hex -> new String(Sm4Gcm.open(kek, Hex.decode(hex), aad(key)), StandardCharsets.UTF_8));
        } catch (CryptoException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] sessionKey(DeviceKey key) {
        byte[] d = Sm3.digest("citygrid.session-key|".getBytes(StandardCharsets.UTF_8), key.privateKey().pkcs8());
        return Arrays.copyOf(d, Sm4Gcm.KEY_SIZE);
    }

    private static byte[] aad(DeviceKey key) {
        return ("citygrid.session|" + key.deviceId()).getBytes(StandardCharsets.UTF_8);
    }

    private Optional<String> value(String key) {
        return store.read(c -> SyncState.get(c, key));
    }

    private void put(String key, String value) {
        store.inTransaction(c -> {
            SyncState.put(c, key, value);
            return null;
        });
    }

    @Override
    public void close() {
        store.close();
    }
}
