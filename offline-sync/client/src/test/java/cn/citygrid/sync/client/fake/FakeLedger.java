package cn.citygrid.sync.client.fake;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.merkle.InMemoryNodeStore;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The log side of the test double: stores records by id exactly once (as the backend's primary key does), seals
 * them into a real SM3 Merkle tree with SM2-signed checkpoints (as the protocol's BundleFixtures do), and hands
 * out real receipts. Counts how often each record id arrived and how often it was stored. Thread-safe.
 */
public final class FakeLedger {
    public static final String LOG_NAME = "ledger.test/log";
    private final CheckpointSigner signer = new CheckpointSigner(LOG_NAME, Sm2.generateKeyPair().privateKey());
    private final InMemoryNodeStore nodes = new InMemoryNodeStore();
    private final MerkleAppender appender = new MerkleAppender(TreeHasher.SM3);
    private final Map<String, Stored> records = new LinkedHashMap<>();
    private final List<String> unsealed = new ArrayList<>();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inserts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<String, Sm2PublicKey> deviceKeys = new ConcurrentHashMap<>();

    /** A stored record: canonical envelope, receive time, leaf index (-1 until sealed). */
    public record Stored(RecordEnvelope envelope, Instant receivedAt, long leafIndex) {}

    FakeLedger(Clock clock) {
        this.clock = clock;
    }

    public NoteVerifier logKey() {
        return signer.verifier();
    }

    public void enroll(String deviceId, Sm2PublicKey key) {
        deviceKeys.put(deviceId, key);
    }

    Sm2PublicKey deviceKey(String deviceId) {
        return deviceKeys.get(deviceId);
    }

    void arrived(String recordId) {
        arrivals.computeIfAbsent(recordId, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Inserts unless present. Returns the stored row and whether this call stored it. */
    synchronized Map.Entry<Stored, Boolean> insert(RecordEnvelope e) {
        Stored existing = records.get(e.recordId());
        if (existing != null) {
            return Map.entry(existing, false);
        }
        Stored s = new Stored(e, clock.instant().truncatedTo(ChronoUnit.MILLIS), -1);
        records.put(e.recordId(), s);
        unsealed.add(e.recordId());
        inserts.computeIfAbsent(e.recordId(), k -> new AtomicInteger()).incrementAndGet();
        return Map.entry(s, true);
    }

    /** Appends every unsealed record to the tree, in arrival order, and signs a checkpoint. */
    public synchronized void seal() {
        for (String id : unsealed) {
            Stored s = records.get(id);
            MerkleAppender.Appended a = appender.append(new LogEntry(s.envelope(), s.receivedAt()).leafHash(TreeHasher.SM3));
            nodes.putAll(a.newNodes());
            records.put(id, new Stored(s.envelope(), s.receivedAt(), a.index()));
        }
        unsealed.clear();
    }

    /** The receipt against the current tree, if the record is sealed. */
    public synchronized Optional<Receipt> receipt(String recordId) {
        Stored s = records.get(recordId);
        if (s == null || s.leafIndex() < 0) {
            return Optional.empty();
        }
        long size = appender.size();
        String note = signer.sign(Checkpoint.of(LOG_NAME, size, MerkleProofs.root(TreeHasher.SM3, nodes, size),
                clock.instant()));
        return Optional.of(new Receipt(recordId, s.leafIndex(), MerkleProofs.inclusion(TreeHasher.SM3, nodes,
                s.leafIndex(), size), note));
    }

    public synchronized Optional<Stored> stored(String recordId) {
        return Optional.ofNullable(records.get(recordId));
    }

    public synchronized int size() {
        return records.size();
    }

    /** How many requests carried this record id. */
    public int arrivals(String recordId) {
        AtomicInteger n = arrivals.get(recordId);
        return n == null ? 0 : n.get();
    }

    /** How many times this id was stored: 1 for every record the server holds, whatever the retries. */
    public int inserts(String recordId) {
        AtomicInteger n = inserts.get(recordId);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> allInserts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        inserts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int totalArrivals() {
        return arrivals.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
