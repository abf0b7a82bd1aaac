package cn.citygrid.backend.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds → percentiles in milliseconds. */
final class Stats {
  private final long[] samples;

  Stats(long[] samples) {
    this.samples = samples.clone();
    Arrays.sort(this.samples);
  }

  double ms(double quantile) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(samples.length - 1, Math.ceil(quantile * samples.length) - 1);
    return samples[Math.max(0, i)] / 1e6;
  }

  int count() {
    return samples.length;
  }

  static String fmt(double v) {
    return String.format("%,.2f", v);
  }
}
