package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void encode_thenDecode_roundTrips() {
        byte[] b = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        assertThat(Hex.encode(b)).isEqualTo("00017f80ff");
        assertThat(Hex.decode("00017f80ff")).isEqualTo(b);
    }

    @Test
    void decode_whenUppercaseOrOddLength_failsNamingTheProblem() {
        assertThatThrownBy(() -> Hex.decode("0A")).hasMessage("got 'A' at position 1, want a lowercase hex digit");
        assertThatThrownBy(() -> Hex.decode("abc")).hasMessage("got hex of odd length 3, want even length");
    }

    @Test
    void isHex_checksLengthAndAlphabet() {
        assertThat(Hex.isHex("00ff", 2)).isTrue();
        assertThat(Hex.isHex("00FF", 2)).isFalse();
        assertThat(Hex.isHex("00f", 2)).isFalse();
    }
}
