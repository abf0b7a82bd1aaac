package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlindIndexTest {
    private final BlindIndex index = new BlindIndex(Hex.decode("000102030405060708090a0b0c0d0e0f"));

    @Test
    void index_ofEquivalentSpellings_isEqual() {
        String a = index.index("idNumber", "11010119900307457x");
        assertThat(index.index("idNumber", " 110101-19900307-457X ")).isEqualTo(a);
        assertThat(index.index("idNumber", "１１０１０１１９９００３０７４５７Ｘ")).isEqualTo(a);
        assertThat(a).hasSize(64);
    }

    @Test
    void index_isHmacSm3OverFieldNulNormalizedValue() {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f");
        byte[] expected = HmacSm3.mac(key, "phone\0".getBytes(StandardCharsets.UTF_8),
                "13800138000".getBytes(StandardCharsets.UTF_8));
        assertThat(index.index("phone", "138 0013 8000")).isEqualTo(Hex.encode(expected));
    }

    @Test
    void index_ofSameValueInDifferentFields_differs() {
        assertThat(index.index("phone", "13800138000")).isNotEqualTo(index.index("landline", "13800138000"));
    }

    @Test
    void index_underAnotherKey_differs() {
        BlindIndex other = new BlindIndex(new byte[16]);
        assertThat(other.index("phone", "1")).isNotEqualTo(index.index("phone", "1"));
    }

    @Test
    void constructor_whenKeyShort_fails() {
        assertThatThrownBy(() -> new BlindIndex(new byte[15])).hasMessage("got index key of 15 bytes, want at least 16");
    }
}
