package cn.citygrid.mobile.form;

import static cn.citygrid.mobile.api.JsonView.object;

import cn.citygrid.sync.client.attachment.AttachmentFiles;
import cn.citygrid.sync.client.attachment.AttachmentStore;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.store.SyncState;
import cn.citygrid.sync.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Redoing rejected records. A redo is an ordinary draft, linked here (a small value in the phone's store beside the
 * draft) to the record it redoes, so that a draft resumed after the app was killed is still saved as that record's
 * replacement. Once saved, the new record's own outbox row names the record it replaces ({@code corrects}) and the
 * link here is dropped. SQLite and file copies: call off the FX thread.
 */
public final class Redos {
    private static final String PREFIX = "redo.";
    private final SyncEngine engine;
    private final LocalStore store;

    public Redos(SyncEngine engine, LocalStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** The rejected record that draft {@code draftId} redoes, if it is a redo. */
    public Optional<String> rejectedOf(String draftId) {
        return store.read(c -> SyncState.get(c, PREFIX + draftId));
    }

    /**
     * The draft that redoes {@code rejected}: the one already started, or a new draft of the same form version with
     * its answers and copies of its files in {@code mediaDir}, under the names its answers give them.
     */
    public Draft draftFor(OutboxEntry rejected, Path mediaDir) throws IOException {
        for (Draft d : engine.drafts().list()) {
            if (rejectedOf(d.id()).filter(rejected.recordId()::equals).isPresent()) {
                return d;
            }
        }
        Map<String, Object> answers = new LinkedHashMap<>(object(object(Json.parse(rejected.envelope())).get("payload")));
        // Set by the engine when it signs, never by the form.
        answers.remove("clientId");
        answers.remove("corrects");
        Draft d = new Draft(UUID.randomUUID().toString(), rejected.form(), answers, copies(rejected.recordId(), mediaDir),
                Instant.now());
        // The link first: killed in between, a link without its draft is ignored; a draft without it would not replace.
        store.inTransaction(c -> {
            SyncState.put(c, PREFIX + d.id(), rejected.recordId());
            return null;
        });
        engine.drafts().save(d);
        return d;
    }

    /** Saves the redo's draft as a new signed record naming the one it replaces; returns the new record's id. */
    public String capture(String draftId, String rejectedRecordId) {
        String recordId = engine.captureDraft(draftId, rejectedRecordId);
        store.inTransaction(c -> {
            SyncState.remove(c, PREFIX + draftId);
            return null;
        });
        return recordId;
    }

    /** The record that replaces {@code recordId} (a saved redo of it), if any. */
    public Optional<OutboxEntry> replacementOf(String recordId) {
        return engine.outbox().stream().filter(e -> recordId.equals(e.corrects())).findFirst();
    }

    private List<Path> copies(String recordId, Path mediaDir) throws IOException {
        Files.createDirectories(mediaDir);
        List<Path> out = new ArrayList<>();
        for (AttachmentFiles.Stored s : store.read(c -> AttachmentStore.ofRecord(c, recordId))) {
            Path bytes = store.attachmentDir().resolve(s.file());
            // Bytes no longer on the phone: the worker takes the photo again.
            if (Files.exists(bytes)) {
                Path name = Path.of(s.ref().name()).getFileName();
                out.add(Files.copy(bytes, mediaDir.resolve(name.toString()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        return out;
    }
}
