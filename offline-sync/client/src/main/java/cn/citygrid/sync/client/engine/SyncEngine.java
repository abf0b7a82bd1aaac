package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.attachment.AttachmentStore;
import cn.citygrid.sync.client.attachment.AttachmentUpload;
import cn.citygrid.sync.client.clock.ClockSample;
import cn.citygrid.sync.client.clock.ClockWatch;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.draft.Drafts;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.outbox.Outbox;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.proposal.ProposalView;
import cn.citygrid.sync.client.proposal.Proposals;
import cn.citygrid.sync.client.pull.ChangePull;
import cn.citygrid.sync.client.pull.Replica;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.store.SyncState;
import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.SyncApi;
import cn.citygrid.sync.client.transport.SyncHttp;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.record.FormRef;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The device-side sync engine (docs/sync-protocol.md). Guarantees: a captured record is signed before it is stored
 * and stored in one transaction (none or exactly one row); a record leaves {@code waiting} only on its own server
 * ack, and is resent byte for byte until then; one sync runs at a time per engine (concurrent {@link #syncNow()}
 * calls queue); every event is fired after its commit. Open one engine per store; all methods are thread-safe.
 */
public final class SyncEngine {
    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());
    /** The next attempt of an engine that waits for the user (sign-in, device state). */
    public static final Instant NOT_SCHEDULED = Instant.parse("9999-12-31T00:00:00Z");

    /** The collaborators of a round. */
    record Parts(LocalStore store, SyncApi api, SyncConfig config, Clock clock, AttachmentUpload attachments,
                 RecordUpload records, ReceiptCheck receipts, ChangePull pull) {}

    private final Parts parts;
    private final Capture capture;
    private final RandomGenerator random;
    private final ClockWatch clockWatch;
    private final AtomicReference<ClockSample> estimate;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile Instant nextAttemptAt;
    private volatile boolean online = true;
    private int failures;

    private SyncEngine(Parts parts, Capture capture, RandomGenerator random, ClockWatch clockWatch,
                       AtomicReference<ClockSample> estimate) {
        this.parts = parts;
        this.capture = capture;
        this.random = random;
        this.clockWatch = clockWatch;
        this.estimate = estimate;
        this.nextAttemptAt = parts.clock().instant();
    }

    public static Builder builder(LocalStore store, DeviceKey key, SyncConfig config, TokenSource tokens) {
        return new Builder(store, key, config, tokens);
    }

    // ---- capture ---------------------------------------------------------------------------------------------

    /** Signs {@code payload} (plus a new UUIDv7 {@code clientId}) with the device key and commits it; returns its id. */
    public String capture(FormRef form, Map<String, Object> payload, List<Path> attachments) {
        return captured(capture.commit(form, payload, capture.storeFiles(attachments), "record", null, (c, id) -> { }), "record");
    }

    /** Captures a draft as a record and deletes the draft, in the same transaction. */
    public String captureDraft(String draftId) {
        return captureDraft(draftId, null);
    }

    /**
     * As {@link #captureDraft(String)}, for a draft that redoes a rejected record: the new record's payload names
     * the rejected one in {@code corrects} (null: none), and so does its outbox row. Unlike {@link #resubmit} the
     * draft brings its own attachments, so a refused photo can be taken again.
     */
    public String captureDraft(String draftId, String corrects) {
        if (corrects != null) {
            requireRejected(corrects);
        }
        Draft d = parts.store().read(c -> Drafts.find(c, draftId))
                .orElseThrow(() -> new IllegalArgumentException("no draft " + draftId));
        return captured(capture.commit(d.form(), d.data(), capture.storeFiles(d.attachments()), "record", corrects,
                (c, id) -> Drafts.delete(c, draftId)), "record");
    }

    /**
     * A correction of a rejected record: a NEW record (new clientId, new signature, its own id) with the same form
     * and attachments, whose payload names the rejected one in {@code corrects}.
     */
    public String resubmit(String rejectedRecordId, Map<String, Object> correctedPayload) {
        OutboxEntry old = requireRejected(rejectedRecordId);
        var files = parts.store().read(c -> AttachmentStore.ofRecord(c, rejectedRecordId));
        return captured(capture.commit(old.form(), correctedPayload, files, old.kind(), rejectedRecordId, (c, rid) -> { }),
                old.kind());
    }

    private OutboxEntry requireRejected(String recordId) {
        OutboxEntry old = record(recordId).orElseThrow(() -> new IllegalArgumentException("no record " + recordId));
        if (old.state() != OutboxState.rejected) {
            throw new IllegalStateException("record " + recordId + " is " + old.state() + ", want rejected");
        }
        return old;
    }

    /** Proposes {@code entity/id.field = value} as a signed proposal record; {@code base} is the replica's value. */
    public String propose(String entity, String id, String field, Object value) {
        Object base = replica().get(entity, id).map(d -> d.get(field)).orElse(null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entity", entity);
        payload.put("id", id);
        payload.put("field", field);
        payload.put("value", value);
        payload.put("base", base);
        String rid = capture.commit(new FormRef(Proposals.FORM_ID, Proposals.FORM_VERSION), payload, List.of(), "proposal",
                null, (c, recordId) -> Proposals.insert(c, recordId, entity, id, field, value, base));
        return captured(rid, "proposal");
    }

    private String captured(String recordId, String kind) {
        if (online && nextAttemptAt.isAfter(parts.clock().instant())) {
            nextAttemptAt = parts.clock().instant();
        }
        fire(new SyncEvent.Captured(recordId, kind));
        return recordId;
    }

    // ---- sync ------------------------------------------------------------------------------------------------

    /** Runs one sync now, after any running one finishes; never throws for network or server failures. */
    public SyncReport syncNow() {
        syncLock.lock();
        try {
            SyncRound round = new SyncRound(parts);
            RuntimeException failure = round.run(this::fire);
            SyncReport report = finish(round, failure);
            fire(new SyncEvent.SyncFinished(report));
            return report;
        } finally {
            syncLock.unlock();
        }
    }

    /** Runs a sync if the automatic schedule (back-off after failures, idle interval after success) says so. */
    public Optional<SyncReport> syncIfDue() {
        return parts.clock().instant().isBefore(nextAttemptAt) ? Optional.empty() : Optional.of(syncNow());
    }

    /** When the next automatic sync is due ({@link #NOT_SCHEDULED} while waiting for the user). */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    private SyncReport finish(SyncRound round, RuntimeException failure) {
        Instant now = parts.clock().instant();
        ClockSample best = clockWatch.takeBest();
        if (best != null) {
            estimate.set(best);
        }
        SyncReport.Outcome outcome = failure == null ? SyncReport.Outcome.completed : SyncRound.classify(failure);
        nextAttemptAt = schedule(outcome, failure, now);
        persist(outcome, best, now);
        boolean reachable = outcome != SyncReport.Outcome.offline;
        if (reachable != online) {
            online = reachable;
            fire(new SyncEvent.ConnectivityChanged(reachable));
        }
        return round.report(outcome, failure == null ? null : failure.getMessage(), nextAttemptAt);
    }

    private Instant schedule(SyncReport.Outcome outcome, RuntimeException failure, Instant now) {
        Duration cap = parts.config().backoff().cap();
        switch (outcome) {
            case completed -> {
                failures = 0;
                return now.plus(parts.config().idleInterval());
            }
            case devicePending -> {
                return now.plus(cap);
            }
            case authRequired, deviceBlocked -> {
                return NOT_SCHEDULED;
            }
            default -> {
                failures++;
                Duration wait = parts.config().backoff().delay(failures, random);
                Duration floor = failure instanceof ApiException e ? e.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
                boolean transientOrOffline = !(failure instanceof ApiException e) || e.isTransient();
                return now.plus(transientOrOffline ? (wait.compareTo(floor) < 0 ? floor : wait) : cap);
            }
        }
    }

    private void persist(SyncReport.Outcome outcome, ClockSample best, Instant now) {
        parts.store().inTransaction(c -> {
            if (best != null) {
                SyncState.put(c, SyncState.CLOCK, best.offsetMs() + "," + best.delayMs() + "," + best.measuredAt().toEpochMilli());
            }
            if (outcome == SyncReport.Outcome.completed) {
                SyncState.put(c, SyncState.LAST_SYNC, Long.toString(now.toEpochMilli()));
            }
            return null;
        });
    }

    // ---- reads and listeners ---------------------------------------------------------------------------------

    public List<OutboxEntry> outbox() {
        return parts.store().read(Outbox::list);
    }

    public Optional<OutboxEntry> record(String recordId) {
        return parts.store().read(c -> Outbox.find(c, recordId));
    }

    public List<ProposalView> proposals() {
        return parts.store().read(Proposals::list);
    }

    public Replica replica() {
        return new Replica(parts.store());
    }

    public Drafts drafts() {
        return new Drafts(parts.store());
    }

    /** The last clock estimate (server minus device), from the smallest-delay exchange of the last sync that had one. */
    public Optional<ClockSample> clockOffset() {
        return Optional.ofNullable(estimate.get());
    }

    public Optional<Instant> lastSync() {
        return parts.store().read(c -> SyncState.get(c, SyncState.LAST_SYNC).map(s -> Instant.ofEpochMilli(Long.parseLong(s))));
    }

    public void addListener(SyncListener l) {
        listeners.add(l);
    }

    public void removeListener(SyncListener l) {
        listeners.remove(l);
    }

    private void fire(SyncEvent event) {
        for (SyncListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sync listener failed on " + event, e);
            }
        }
    }

    /** Wires an engine; clock, randomness and HTTP client are injectable for tests. */
    public static final class Builder {
        private final LocalStore store;
        private final DeviceKey key;
        private final SyncConfig config;
        private final TokenSource tokens;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new java.util.SplittableRandom();
        private HttpClient http;

        private Builder(LocalStore store, DeviceKey key, SyncConfig config, TokenSource tokens) {
            this.store = store;
            this.key = key;
            this.config = config;
            this.tokens = tokens;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        public Builder httpClient(HttpClient h) {
            this.http = h;
            return this;
        }

        /** Builds the engine; work an interrupted process left (rows {@code uploading}, orphan files) is undone first. */
        public SyncEngine build() {
            HttpClient client = http != null ? http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ClockWatch watch = new ClockWatch();
            SyncApi api = new SyncApi(new SyncHttp(client, config.baseUri(), key.deviceId(), tokens, clock,
                    config.requestTimeout()), key.deviceId(), clock, watch::observe);
            AtomicReference<ClockSample> estimate = new AtomicReference<>(store.inTransaction(c -> {
                Outbox.resetInterrupted(c);
                AttachmentStore.removeOrphans(c, store.attachmentDir());
                return SyncState.get(c, SyncState.CLOCK).map(Builder::clockSample).orElse(null);
            }));
            ReceiptCheck receipts = new ReceiptCheck(config.logKey(), config.witnesses());
            Parts parts = new Parts(store, api, config, clock, new AttachmentUpload(store, api),
                    new RecordUpload(store, api, config, clock, random, receipts, estimate::get), receipts,
                    new ChangePull(store, api, config.pageSize()));
            Capture capture = new Capture(store, key, clock, () -> estimate.get() == null ? null : estimate.get().offsetMs());
            return new SyncEngine(parts, capture, random, watch, estimate);
        }

        private static ClockSample clockSample(String text) {
            String[] f = text.split(",");
            return new ClockSample(Long.parseLong(f[0]), Long.parseLong(f[1]), Instant.ofEpochMilli(Long.parseLong(f[2])));
        }
    }
}
