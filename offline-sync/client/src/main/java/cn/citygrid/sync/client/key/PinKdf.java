package cn.citygrid.sync.client.key;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) from a PIN and a 16-byte salt to a 16-byte SM4 key. The parameters are stored
 * beside the sealed key as {@code argon2id;m=<KiB>;t=<passes>;p=<lanes>}, so they can be raised for new keys
 * without breaking old ones. Default m=19456 KiB, t=2, p=1 (OWASP's minimum, as the backend's passwords).
 */
public record PinKdf(int memoryKiB, int iterations, int parallelism) {
    public static final PinKdf DEFAULT = new PinKdf(19_456, 2, 1);
    private static final Pattern TEXT = Pattern.compile("argon2id;m=(\\d{1,8});t=(\\d{1,3});p=(\\d{1,2})");

    public PinKdf {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("got m=" + memoryKiB + " t=" + iterations + " p=" + parallelism
                    + ", want t >= 1, p >= 1, m >= 8p");
        }
    }

    /** The 16-byte key for {@code pin} and {@code salt}. */
    public byte[] derive(char[] pin, byte[] salt) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] key = new byte[16];
        generator.generateBytes(pin, key);
        return key;
    }

    /** The stored form, e.g. {@code argon2id;m=19456;t=2;p=1}. */
    public String text() {
        return "argon2id;m=" + memoryKiB + ";t=" + iterations + ";p=" + parallelism;
    }

    public static PinKdf parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("got KDF '" + text + "', want argon2id;m=…;t=…;p=…");
        }
        return new PinKdf(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
}
