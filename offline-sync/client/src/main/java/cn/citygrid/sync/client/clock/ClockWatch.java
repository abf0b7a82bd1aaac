package cn.citygrid.sync.client.clock;

/** Keeps the smallest-delay {@link ClockSample} seen since the last {@link #takeBest()}. Thread-safe. */
public final class ClockWatch {
    private ClockSample best;

    public synchronized void observe(ClockSample sample) {
        if (sample != null) {
            best = sample.better(best);
        }
    }

    /** The best sample since the last call (null if none), and forget it. */
    public synchronized ClockSample takeBest() {
        ClockSample b = best;
        best = null;
        return b;
    }
}
