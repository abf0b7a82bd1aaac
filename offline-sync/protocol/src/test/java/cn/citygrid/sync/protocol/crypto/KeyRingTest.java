package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final byte[] K1 = new byte[16];
    private static final byte[] K2 = Hex.decode("0f0e0d0c0b0a09080706050403020100");

    @Test
    void open_afterRotation_picksTheOldKeyById() {
        KeyRing before = KeyRing.of(Map.of("2025", K1), "2025");
        byte[] old = before.seal("13800138000".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("2025", K1);
        keys.put("2026", K2);
        KeyRing after = KeyRing.of(keys, "2026");
        byte[] fresh = after.seal("13900139000".getBytes(StandardCharsets.UTF_8));
        assertThat(Sm4Gcm.keyIdOf(fresh)).isEqualTo("2026");
        assertThat(new String(after.open(old), StandardCharsets.UTF_8)).isEqualTo("13800138000");
        assertThat(new String(after.open(fresh), StandardCharsets.UTF_8)).isEqualTo("13900139000");
    }

    @Test
    void open_whenKeyIdUnknown_throwsUnknownKeyNamingIt() {
        byte[] sealed = KeyRing.of(Map.of("gone", K1), "gone").seal(new byte[] {1});
        KeyRing ring = KeyRing.of(Map.of("2026", K2), "2026");
        assertThatThrownBy(() -> ring.open(sealed))
                .isInstanceOfSatisfying(UnknownKeyException.class, e -> assertThat(e.keyId()).isEqualTo("gone"))
                .hasMessageContaining("'gone'").hasMessageContaining("[2026]");
    }

    @Test
    void of_whenActiveKeyMissingOrKeyShort_fails() {
        assertThatThrownBy(() -> KeyRing.of(Map.of("a", K1), "b")).hasMessage("got active key id 'b', want one of [a]");
        assertThatThrownBy(() -> KeyRing.of(Map.of("a", new byte[8]), "a")).hasMessage("key 'a': got 8 bytes, want 16");
    }

    @Test
    void of_copiesKeys_soLaterChangesToCallerArraysDoNotLeakIn() {
        byte[] key = K2.clone();
        KeyRing ring = KeyRing.of(Map.of("a", key), "a");
        byte[] sealed = ring.seal(new byte[] {9});
        key[0] ^= 1;
        assertThat(ring.open(sealed)).containsExactly(9);
    }
}
