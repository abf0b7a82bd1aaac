package cn.citygrid.sync.client.attachment;

import cn.citygrid.sync.client.outbox.Outbox;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.Problem;
import cn.citygrid.sync.client.transport.Slot;
import cn.citygrid.sync.client.transport.SyncApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the bytes of pending attachments of due records (docs/sync-protocol.md §4): asks for slots, PUTs whole
 * files or the missing parts of a multipart upload (recording each part as it lands, so a crash resumes after the
 * last stored part), then asks the server to verify and complete. A refused attachment (too large, a media type
 * the server does not take) is final: the waiting records that name it are rejected with the server's problem
 * (docs/sync-protocol.md §4), so the worker can redo them with another file. An {@link cn.citygrid.sync.client.transport.OfflineException}
 * ends the round; an HTTP failure of one attachment is noted on it and the others go on.
 */
public final class AttachmentUpload {
    public static final int SLOTS_PER_REQUEST = 50;
    private final LocalStore store;
    private final SyncApi api;

    public AttachmentUpload(LocalStore store, SyncApi api) {
        this.store = store;
        this.api = api;
    }

    /** What one round did; {@code rejected}: the records rejected for a refused attachment, with the refusal. */
    public record Tally(int uploaded, int alreadyPresent, int failed, Map<String, Problem> rejected) {}

    /** Uploads every pending attachment of records due at {@code now}; returns counts. */
    public Tally uploadDue(long now) {
        int uploaded = 0;
        int present = 0;
        int failed = 0;
        Map<String, Problem> rejected = new LinkedHashMap<>();
        List<AttachmentStore.Pending> pending = store.read(c -> AttachmentStore.dueForUpload(c, now, Integer.MAX_VALUE));
        for (int from = 0; from < pending.size(); from += SLOTS_PER_REQUEST) {
            List<AttachmentStore.Pending> chunk = pending.subList(from, Math.min(pending.size(), from + SLOTS_PER_REQUEST));
            Map<String, AttachmentStore.Pending> bySm3 = chunk.stream()
                    .collect(Collectors.toMap(p -> p.request().sm3(), Function.identity()));
            for (Slot slot : api.slots(chunk.stream().map(AttachmentStore.Pending::request).toList())) {
                AttachmentStore.Pending p = bySm3.get(slot.sm3());
                if (p == null) {
                    continue;
                }
                switch (handle(slot, p, rejected)) {
                    case UPLOADED -> uploaded++;
                    case PRESENT -> present++;
                    case FAILED -> failed++;
                }
            }
        }
        return new Tally(uploaded, present, failed, rejected);
    }

    private enum Result { UPLOADED, PRESENT, FAILED }

    private Result handle(Slot slot, AttachmentStore.Pending p, Map<String, Problem> rejected) {
        try {
            switch (slot.kind()) {
                case present -> {
                    store.inTransaction(c -> { AttachmentStore.markPresent(c, slot.sm3()); return null; });
                    return Result.PRESENT;
                }
                case refused -> {
                    rejected.putAll(refuse(slot));
                    return Result.FAILED;
                }
                case put -> putWhole(slot, p);
                case multipart -> putParts(slot, p);
                default -> throw new IllegalStateException("unreachable");
            }
            store.inTransaction(c -> { AttachmentStore.markPresent(c, slot.sm3()); return null; });
            return Result.UPLOADED;
        } catch (ApiException e) {
            store.inTransaction(c -> { AttachmentStore.noteError(c, slot.sm3(), e.getMessage()); return null; });
            return Result.FAILED;
        }
    }

    /** Marks the attachment refused and rejects the waiting records naming it, in one transaction. */
    private Map<String, Problem> refuse(Slot slot) {
        Problem problem = slot.problem() != null ? slot.problem()
                : Problem.local("attachment-refused", "attachment " + slot.sm3() + " refused");
        return store.inTransaction(c -> {
            AttachmentStore.markRefused(c, slot.sm3(), problem.slug() + ": " + problem.detail());
            Map<String, Problem> out = new LinkedHashMap<>();
            for (String recordId : AttachmentStore.waitingRecordsOf(c, slot.sm3())) {
                Outbox.reject(c, recordId, problem);
                out.put(recordId, problem);
            }
            return out;
        });
    }

    private void putWhole(Slot slot, AttachmentStore.Pending p) {
        api.putFile(slot.url(), slot.headers(), file(p), 0, p.request().size());
        api.complete(slot.sm3(), null, List.of());
    }

    /** Only parts neither the server nor this device has recorded for this upload id are sent. */
    private void putParts(Slot slot, AttachmentStore.Pending p) {
        List<Slot.Part> done = new ArrayList<>(slot.uploadedParts());
        if (slot.uploadId().equals(p.uploadId())) {
            Set<Integer> listed = done.stream().map(Slot.Part::partNumber).collect(Collectors.toSet());
            p.parts().stream().filter(part -> !listed.contains(part.partNumber())).forEach(done::add);
        }
        Set<Integer> have = done.stream().map(Slot.Part::partNumber).collect(Collectors.toSet());
        long size = p.request().size();
        for (Slot.PartUrl part : slot.parts()) {
            if (have.contains(part.partNumber())) {
                continue;
            }
            long offset = (part.partNumber() - 1L) * slot.partSize();
            long length = Math.min(slot.partSize(), size - offset);
            String etag = api.putFile(part.url(), slot.headers(), file(p), offset, length);
            Slot.Part stored = new Slot.Part(part.partNumber(), etag);
            store.inTransaction(c -> {
                AttachmentStore.addPart(c, slot.sm3(), slot.uploadId(), slot.partSize(), stored);
                return null;
            });
            done.add(stored);
        }
        done.sort(Comparator.comparingInt(Slot.Part::partNumber));
        api.complete(slot.sm3(), slot.uploadId(), done);
    }

    private Path file(AttachmentStore.Pending p) {
        return store.attachmentDir().resolve(p.file());
    }
}
