package cn.citygrid.mobile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Forgeries of place and house codes ({@code CG1.<payload>.<signature>}) for tests that must see them refused. */
public final class Codes {
    private Codes() {
    }

    /** {@code code} with {@code from} replaced by {@code to} in its signed payload, the signature kept. */
    public static String rewritten(String code, String from, String to) {
        String[] parts = code.split("\\.");
        assertThat(parts).as("a CG1 code").hasSize(3);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).as("the payload to edit").contains(from);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(from, to).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
