package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.TestResources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Sm4GcmTest {
    private static final Map<String, String> EX1 = TestResources.keyValues("sm4.txt", "EXAMPLE", 0);
    private static final Map<String, String> EX2 = TestResources.keyValues("sm4.txt", "EXAMPLE", 1);
    private static final byte[] KEY = Hex.decode("00112233445566778899aabbccddeeff");

    private static byte[] hex(String s) {
        return Hex.decode(s.toLowerCase());
    }

    @Test
    void sm4Engine_singleBlock_matchesGbT32907Example1() {
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(hex(EX1.get("key"))));
        byte[] out = new byte[16];
        engine.processBlock(hex(EX1.get("plaintext")), 0, out, 0);
        assertThat(Hex.encode(out)).isEqualTo(EX1.get("ciphertext"));
    }

    @Test
    void sm4Engine_millionIterations_matchesGbT32907Example2() {
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(hex(EX2.get("key"))));
        byte[] block = hex(EX2.get("plaintext"));
        for (int i = 0; i < 1_000_000; i++) {
            engine.processBlock(block, 0, block, 0);
        }
        assertThat(Hex.encode(block)).isEqualTo(EX2.get("ciphertext"));
    }

    @Test
    void encrypt_matchesRfc8998AppendixA1() {
        byte[] out = Sm4Gcm.encrypt(hex(EX2.get("GCM.key")), hex(EX2.get("GCM.iv")), hex(EX2.get("GCM.aad")),
                hex(EX2.get("GCM.pt")));
        assertThat(Hex.encode(out)).isEqualTo(EX2.get("GCM.ct") + EX2.get("GCM.tag"));
        byte[] back = Sm4Gcm.decrypt(hex(EX2.get("GCM.key")), hex(EX2.get("GCM.iv")), hex(EX2.get("GCM.aad")), out);
        assertThat(Hex.encode(back)).isEqualTo(EX2.get("GCM.pt"));
    }

    @Test
    void decrypt_whenTagBitFlipped_fails() {
        byte[] nonce = new byte[12];
        byte[] ct = Sm4Gcm.encrypt(KEY, nonce, new byte[0], new byte[] {1, 2, 3});
        ct[ct.length - 1] ^= 1;
        assertThatThrownBy(() -> Sm4Gcm.decrypt(KEY, nonce, new byte[0], ct))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void seal_layout_isVersionKeyIdNonceCiphertextTag() {
        byte[] pt = "110101199003074578".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Sm4Gcm.seal("k2026", KEY, pt, new byte[0]);
        assertThat(sealed[0]).isEqualTo((byte) 0x01);
        assertThat(sealed[1]).isEqualTo((byte) 5);
        assertThat(new String(sealed, 2, 5, StandardCharsets.UTF_8)).isEqualTo("k2026");
        assertThat(sealed).hasSize(2 + 5 + 12 + pt.length + 16);
        assertThat(Sm4Gcm.keyIdOf(sealed)).isEqualTo("k2026");
        assertThat(Sm4Gcm.open(KEY, sealed, new byte[0])).isEqualTo(pt);
    }

    @Test
    void seal_twice_usesFreshNonces() {
        byte[] a = Sm4Gcm.seal("k", KEY, new byte[] {7}, new byte[0]);
        byte[] b = Sm4Gcm.seal("k", KEY, new byte[] {7}, new byte[0]);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void open_whenKeyIdRewritten_failsAuthentication() {
        byte[] sealed = Sm4Gcm.seal("ka", KEY, new byte[] {7}, new byte[0]);
        sealed[3] = 'b';
        assertThat(Sm4Gcm.keyIdOf(sealed)).isEqualTo("kb");
        assertThatThrownBy(() -> Sm4Gcm.open(KEY, sealed, new byte[0])).hasMessageContaining("does not authenticate");
    }

    @Test
    void open_whenAadDiffers_fails() {
        byte[] sealed = Sm4Gcm.seal("k", KEY, new byte[] {7}, "person.phone.42".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Sm4Gcm.open(KEY, sealed, "person.phone.43".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void keyIdOf_whenVersionOrLengthWrong_failsPrecisely() {
        assertThatThrownBy(() -> Sm4Gcm.keyIdOf(new byte[] {2, 1, 'k'})).hasMessage("got envelope version 0x02, want 0x01");
        assertThatThrownBy(() -> Sm4Gcm.keyIdOf(new byte[] {1, 1, 'k', 0}))
                .hasMessage("got sealed value of 4 bytes with key id length 1, want key id length >= 1 and at least 31 bytes");
        assertThatThrownBy(() -> Sm4Gcm.keyIdOf(new byte[] {1})).hasMessage("got sealed value of 1 bytes, want at least 2");
    }

    @Test
    void encrypt_whenKeyOrNonceHasWrongLength_failsPrecisely() {
        assertThatThrownBy(() -> Sm4Gcm.encrypt(new byte[15], new byte[12], new byte[0], new byte[0]))
                .hasMessage("got key of 15 bytes, want 16");
        assertThatThrownBy(() -> Sm4Gcm.encrypt(KEY, new byte[16], new byte[0], new byte[0]))
                .hasMessage("got nonce of 16 bytes, want 12");
    }
}
