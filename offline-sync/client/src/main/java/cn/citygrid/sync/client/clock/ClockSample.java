package cn.citygrid.sync.client.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * One NTP-style (RFC 5905 §8) measurement of the server's clock against the device's, from one request:
 * t0 request sent and t3 answer received (device clock), t1 request read and t2 answer written (server clock).
 * {@code offsetMs = ((t1 − t0) + (t2 − t3)) / 2} is server minus device; {@code delayMs = (t3 − t0) − (t2 − t1)}
 * bounds its error to ±delay/2. {@code measuredAt} is t3 on the device clock.
 */
public record ClockSample(long offsetMs, long delayMs, Instant measuredAt) {
    /** The sample of one exchange. */
    public static ClockSample of(Instant t0, Instant t1, Instant t2, Instant t3) {
        long a = Duration.between(t0, t1).toMillis();
        long b = Duration.between(t3, t2).toMillis();
        long delay = Duration.between(t0, t3).toMillis() - Duration.between(t1, t2).toMillis();
        return new ClockSample(Math.floorDiv(a + b, 2), Math.max(0, delay), t3);
    }

    /** The more trustworthy of two samples: the one with the smaller round-trip delay. */
    public ClockSample better(ClockSample other) {
        return other == null || delayMs <= other.delayMs ? this : other;
    }
}
