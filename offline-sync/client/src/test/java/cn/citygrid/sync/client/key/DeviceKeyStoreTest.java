package cn.citygrid.sync.client.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.crypto.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceKeyStoreTest {
    private static final PinKdf FAST = new PinKdf(1024, 1, 1);

    @TempDir
    Path dir;

    @Test
    void unlock_withThePinItWasCreatedWith_returnsTheSameKey() throws Exception {
        try (LocalStore store = LocalStore.open(dir.resolve("k.db"))) {
            DeviceKeyStore keys = new DeviceKeyStore(store);
            DeviceKey created = keys.create("dev-0042", "246810".toCharArray());
            DeviceKey unlocked = keys.unlock("246810".toCharArray());
            assertThat(unlocked.keyId()).isEqualTo(created.keyId());
            assertThat(unlocked.deviceId()).isEqualTo("dev-0042");
            assertThat(keys.publicKey()).contains(created.publicKey());
        }
    }

    @Test
    void unlock_withAWrongPin_throwsWrongPin() {
        try (LocalStore store = LocalStore.open(dir.resolve("k.db"))) {
            DeviceKeyStore keys = new DeviceKeyStore(store, FAST);
            keys.create("dev-0042", "246810".toCharArray());
            assertThatThrownBy(() -> keys.unlock("246811".toCharArray())).isInstanceOf(WrongPinException.class)
                    .hasMessageContaining("wrong PIN");
        }
    }

    @Test
    void changePin_makesTheOldPinFailAndTheNewOneOpen() throws Exception {
        try (LocalStore store = LocalStore.open(dir.resolve("k.db"))) {
            DeviceKeyStore keys = new DeviceKeyStore(store, FAST);
            String keyId = keys.create("dev-0042", "111111".toCharArray()).keyId();
            keys.changePin("111111".toCharArray(), "222222".toCharArray());
            assertThatThrownBy(() -> keys.unlock("111111".toCharArray())).isInstanceOf(WrongPinException.class);
            assertThat(keys.unlock("222222".toCharArray()).keyId()).isEqualTo(keyId);
        }
    }

    @Test
    void create_whenAKeyExists_isRefused_andShortPinsAreRefused() {
        try (LocalStore store = LocalStore.open(dir.resolve("k.db"))) {
            DeviceKeyStore keys = new DeviceKeyStore(store, FAST);
            assertThatThrownBy(() -> keys.create("dev-0042", "12345".toCharArray()))
                    .hasMessageContaining("at least 6");
            keys.create("dev-0042", "123456".toCharArray());
            assertThatThrownBy(() -> keys.create("dev-0043", "123456".toCharArray()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theStoreFile_neverHoldsThePrivateKeyInClear() throws Exception {
        Path file = dir.resolve("k.db");
        byte[] pkcs8;
        try (LocalStore store = LocalStore.open(file)) {
            pkcs8 = new DeviceKeyStore(store, FAST).create("dev-0042", "123456".toCharArray()).privateKey().pkcs8();
        }
        // ECPrivateKey (RFC 5915): version 1, then the 32-byte scalar as an OCTET STRING
        String der = Hex.encode(pkcs8);
        int at = der.indexOf("0201010420") + 10;
        String scalar = der.substring(at, at + 64);
        String fileHex = Hex.encode(Files.readAllBytes(file));
        assertThat(fileHex).doesNotContain(scalar);
    }

    @Test
    void kdfText_roundTrips_andDefaultsAreArgon2idOwaspMinimum() {
        assertThat(PinKdf.DEFAULT.text()).isEqualTo("argon2id;m=19456;t=2;p=1");
        assertThat(PinKdf.parse("argon2id;m=1024;t=3;p=2")).isEqualTo(new PinKdf(1024, 3, 2));
    }
}
