package cn.citygrid.sync.client.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockSampleTest {
    private static final Instant T0 = Instant.parse("2026-11-27T04:00:00.000Z");

    @Test
    void of_computesNtpOffsetAndDelay() {
        // device is 300 s behind the server; 40 ms out, 10 ms on the server, 60 ms back
        Instant t1 = T0.plusMillis(300_000 + 40);
        Instant t2 = t1.plusMillis(10);
        Instant t3 = T0.plusMillis(40 + 10 + 60);
        ClockSample s = ClockSample.of(T0, t1, t2, t3);
        assertThat(s.delayMs()).isEqualTo(100);
        assertThat(s.offsetMs()).isEqualTo(299_990); // true offset 300000, error 10 ms <= delay/2
        assertThat(s.measuredAt()).isEqualTo(t3);
    }

    @Test
    void better_prefersTheSmallerDelay() {
        ClockSample slow = new ClockSample(10, 500, T0);
        ClockSample fast = new ClockSample(20, 50, T0);
        assertThat(slow.better(fast)).isSameAs(fast);
        assertThat(fast.better(slow)).isSameAs(fast);
        assertThat(fast.better(null)).isSameAs(fast);
    }
}
