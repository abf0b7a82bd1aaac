package cn.citygrid.sync.client.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: after the n-th consecutive failure (n ≥ 1) wait a uniformly random
 * time in [0, min(cap, base·2^(n−1))]. Randomness is injected so tests can pin it.
 */
public record Backoff(Duration base, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(15));

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("got base " + base + ", cap " + cap + ", want 0 < base <= cap");
        }
    }

    /** The upper bound of the wait after {@code failures} consecutive failures (0 failures → no wait). */
    public Duration ceiling(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 40);
        long ms = base.toMillis() << doublings;
        return ms <= 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }

    /** A wait in [0, ceiling(failures)], drawn from {@code random}. */
    public Duration delay(int failures, RandomGenerator random) {
        long ceiling = ceiling(failures).toMillis();
        return Duration.ofMillis((long) Math.floor(random.nextDouble() * (ceiling + 1)));
    }
}
