package cn.citygrid.backend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) password hashes in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. CPU- and memory-heavy by design: call it
 * on a worker thread, never on an event loop.
 */
public final class PasswordHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int memoryKib;
  private final int iterations;

  public PasswordHasher(int memoryKib, int iterations) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, 1, 32);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code phc}; a malformed hash never matches. */
  public boolean verify(String password, String phc) {
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = derive(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(lanes)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
