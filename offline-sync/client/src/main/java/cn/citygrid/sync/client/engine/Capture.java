package cn.citygrid.sync.client.engine;

import cn.citygrid.sync.client.attachment.AttachmentFiles;
import cn.citygrid.sync.client.attachment.AttachmentStore;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.outbox.Outbox;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Signs a record and commits it to the outbox. Order, which is the atomicity argument: attachment bytes are
 * copied (content-addressed, flushed) first; then the payload gets a fresh UUIDv7 {@code clientId} and the
 * envelope is signed in memory; then ONE transaction inserts the outbox row, its attachment links and whatever
 * else the caller adds (a draft's deletion, a proposal row). A crash before the commit leaves no row (a copied
 * file with no row is removed at the next open); after it, exactly one.
 */
final class Capture {
    /** Payload member names sync reserves (docs/sync-protocol.md §3). */
    static final List<String> RESERVED = List.of("clientId", "corrects");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalStore store;
    private final DeviceKey key;
    private final String keyId;
    private final Clock clock;
    private final Supplier<Long> clockOffsetMs;

    Capture(LocalStore store, DeviceKey key, Clock clock, Supplier<Long> clockOffsetMs) {
        this.store = store;
        this.key = key;
        this.keyId = key.keyId();
        this.clock = clock;
        this.clockOffsetMs = clockOffsetMs;
    }

    /** Copies the caller's files into the store, named after their file names. */
    List<AttachmentFiles.Stored> storeFiles(List<Path> files) {
        List<AttachmentFiles.Stored> out = new ArrayList<>();
        for (Path f : files) {
            out.add(AttachmentFiles.store(store.attachmentDir(), f, f.getFileName().toString(),
                    AttachmentFiles.mediaTypeOf(f)));
        }
        return out;
    }

    /** More work for the capture's transaction, given the new record's id. */
    @FunctionalInterface
    interface AlsoInTx {
        void run(Connection c, String recordId) throws SQLException;
    }

    /** Signs and commits; {@code alsoInTx} runs in the same transaction after the insert. Returns the record id. */
    String commit(FormRef form, Map<String, Object> payload, List<AttachmentFiles.Stored> files, String kind,
                  String corrects, AlsoInTx alsoInTx) {
        RecordEnvelope envelope = sign(form, payload, files, corrects);
        Long offset = clockOffsetMs.get();
        store.inTransaction(c -> {
            Outbox.insert(c, envelope, kind, corrects, offset, clock.millis());
            for (AttachmentFiles.Stored f : files) {
                AttachmentStore.link(c, envelope.recordId(), f);
            }
            alsoInTx.run(c, envelope.recordId());
            return null;
        });
        return envelope.recordId();
    }

    private RecordEnvelope sign(FormRef form, Map<String, Object> payload, List<AttachmentFiles.Stored> files,
                                String corrects) {
        for (String reserved : RESERVED) {
            if (payload.containsKey(reserved)) {
                throw new IllegalArgumentException("payload member '" + reserved + "' is reserved for sync");
            }
        }
        Instant now = clock.instant();
        Map<String, Object> p = new LinkedHashMap<>(payload);
        if (corrects != null) {
            p.put("corrects", corrects);
        }
        p.put("clientId", UuidV7.generate(now.toEpochMilli(), RANDOM));
        List<AttachmentRef> refs = files.stream().map(AttachmentFiles.Stored::ref).toList();
        return RecordEnvelope.sign(key.privateKey(), key.deviceId(), keyId, form, now, p, refs);
    }
}
