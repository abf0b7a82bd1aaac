package cn.citygrid.backend.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * A fresh access/refresh token pair. Tokens are 256 random bits; the server keeps only their SM3
 * hashes, so a database leak does not leak usable tokens.
 */
public record IssuedTokens(String accessToken, byte[] accessHash, Instant accessExpiresAt,
    String refreshToken, byte[] refreshHash, Instant refreshExpiresAt) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static IssuedTokens issue(Instant now, Duration accessTtl, Duration refreshTtl) {
    String access = "cga_" + randomToken();
    String refresh = "cgr_" + randomToken();
    return new IssuedTokens(access, hash(access), now.plus(accessTtl),
        refresh, hash(refresh), now.plus(refreshTtl));
  }

  public static byte[] hash(String token) {
    SM3Digest sm3 = new SM3Digest();
    byte[] in = token.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    sm3.update(in, 0, in.length);
    byte[] out = new byte[32];
    sm3.doFinal(out, 0);
    return out;
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
