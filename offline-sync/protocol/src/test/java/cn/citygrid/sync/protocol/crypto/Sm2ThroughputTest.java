package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Prints single-thread SM2 throughput (sign, verify with a cached decoded key, verify decoding the key each
 * time). A report, not a timed assertion: it only asserts that every signature verified.
 */
class Sm2ThroughputTest {
    private static final int WARMUP = 1_000;
    private static final int ROUNDS = 3_000;

    @Test
    void sm2_signAndVerifyThroughput_isReported() {
        Sm2KeyPair pair = Sm2.generateKeyPair();
        byte[] spki = pair.publicKey().spki();
        byte[] msg = ("{\"recordId\":\"" + "ab".repeat(32) + "\",\"payload\":{}}").repeat(8).getBytes(StandardCharsets.UTF_8);
        byte[] sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, msg);
        for (int i = 0; i < WARMUP; i++) {
            Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, msg);
            Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, msg, sig);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            sig = Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, msg);
        }
        long t1 = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < ROUNDS; i++) {
            ok += Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, msg, sig) ? 1 : 0;
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < ROUNDS / 3; i++) {
            ok += Sm2.verify(Sm2PublicKey.fromSpki(spki), Sm2.DEFAULT_USER_ID, msg, sig) ? 1 : 0;
        }
        long t3 = System.nanoTime();
        System.out.printf("SM2 single thread (%d-byte message): sign %.0f/s, verify cached key %.0f/s, "
                + "verify decoding key each time %.0f/s%n", msg.length, rate(ROUNDS, t1 - t0), rate(ROUNDS, t2 - t1),
                rate(ROUNDS / 3, t3 - t2));
        assertThat(ok).isEqualTo(ROUNDS + ROUNDS / 3);
    }

    private static double rate(int n, long nanos) {
        return n * 1e9 / nanos;
    }
}
