package cn.citygrid.sync.client.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(15));

    @Test
    void ceiling_doublesFromBase_untilTheCap() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ZERO);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void delay_isFullJitter_withinZeroAndTheCeiling_spreadAcrossIt() {
        RandomGenerator random = new SplittableRandom(42);
        for (int failures = 1; failures <= 14; failures++) {
            long ceiling = backoff.ceiling(failures).toMillis();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long d = backoff.delay(failures, random).toMillis();
                assertThat(d).isBetween(0L, ceiling);
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            assertThat(min).as("smallest of 2000 draws at n=%d", failures).isLessThan(ceiling / 10 + 1);
            assertThat(max).as("largest of 2000 draws at n=%d", failures).isGreaterThan(ceiling * 9 / 10);
        }
    }

    @Test
    void delay_atTheRandomExtremes_isZeroOrTheCeiling() {
        assertThat(backoff.delay(3, fixed(0.0))).isEqualTo(Duration.ZERO);
        assertThat(backoff.delay(3, fixed(0.99999999))).isEqualTo(Duration.ofSeconds(8));
    }

    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
