package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.retry.Backoff;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the engine talks to the server. {@code logKey} is the ledger's checkpoint key, pinned in the app build:
 * receipts are verified against it and nothing fetched at run time. {@code batchSize} 1..100 records per upload,
 * {@code pageSize} 1..1000 changes per page (docs/sync-protocol.md §7); {@code idleInterval} is the wait between
 * automatic syncs when nothing failed.
 */
public record SyncConfig(URI baseUri, NoteVerifier logKey, List<WitnessVerifier> witnesses, int batchSize,
                         int pageSize, int maxPagesPerSync, Backoff backoff, Duration requestTimeout,
                         Duration idleInterval) {
    public SyncConfig {
        witnesses = List.copyOf(witnesses);
        if (batchSize < 1 || batchSize > 100) {
            throw new IllegalArgumentException("got batchSize " + batchSize + ", want 1..100");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("got pageSize " + pageSize + ", want 1..1000");
        }
        if (maxPagesPerSync < 1) {
            throw new IllegalArgumentException("got maxPagesPerSync " + maxPagesPerSync + ", want >= 1");
        }
    }

    /** Defaults: no witnesses required, 50 records per batch, 500 changes per page, 200 pages per sync. */
    public static SyncConfig of(URI baseUri, NoteVerifier logKey) {
        return new SyncConfig(baseUri, logKey, List.of(), 50, 500, 200, Backoff.DEFAULT, Duration.ofSeconds(60),
                Duration.ofMinutes(15));
    }

    public SyncConfig withBatchSize(int n) {
        return new SyncConfig(baseUri, logKey, witnesses, n, pageSize, maxPagesPerSync, backoff, requestTimeout, idleInterval);
    }

    public SyncConfig withPageSize(int n) {
        return new SyncConfig(baseUri, logKey, witnesses, batchSize, n, maxPagesPerSync, backoff, requestTimeout, idleInterval);
    }

    public SyncConfig withBackoff(Backoff b) {
        return new SyncConfig(baseUri, logKey, witnesses, batchSize, pageSize, maxPagesPerSync, b, requestTimeout, idleInterval);
    }

    public SyncConfig withWitnesses(List<WitnessVerifier> w) {
        return new SyncConfig(baseUri, logKey, w, batchSize, pageSize, maxPagesPerSync, backoff, requestTimeout, idleInterval);
    }
}
