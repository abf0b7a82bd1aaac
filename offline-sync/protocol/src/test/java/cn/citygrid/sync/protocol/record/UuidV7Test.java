package cn.citygrid.sync.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void generate_setsVersion7Variant10AndTheTimestamp() {
        long ms = 1_764_218_707_123L;
        String id = UuidV7.generate(ms, new SecureRandom());
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UuidV7.unixMillis(id)).isEqualTo(ms);
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(7);
        assertThat(java.util.UUID.fromString(id).variant()).isEqualTo(2);
    }

    @Test
    void generate_laterMillisecond_sortsAfter() {
        String a = UuidV7.generate(1000, new SecureRandom());
        String b = UuidV7.generate(1001, new SecureRandom());
        assertThat(a).isLessThan(b);
        assertThat(UuidV7.generate()).isNotEqualTo(UuidV7.generate());
    }

    @Test
    void isValid_rejectsOtherVersionsAndUppercase() {
        assertThat(UuidV7.isValid("0b7c1c7e-8f43-4c5e-9a7e-1f3e2d4c5b6a")).isFalse();
        assertThat(UuidV7.isValid("0192F0A1-2B3C-7D4E-8F5A-6B7C8D9E0F1A")).isFalse();
        assertThat(UuidV7.isValid("0192f0a1-2b3c-7d4e-cf5a-6b7c8d9e0f1a")).isFalse();
        assertThat(UuidV7.isValid("0192f0a1-2b3c-7d4e-8f5a-6b7c8d9e0f1a")).isTrue();
    }
}
