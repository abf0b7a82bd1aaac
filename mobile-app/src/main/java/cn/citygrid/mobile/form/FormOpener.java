package cn.citygrid.mobile.form;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormSession;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens the form screen: a new record (with the house prefilled: its id, and for a household visit the residents
 * the phone knows), a draft to finish, or a redo of a rejected record. Parsing the form and building the
 * JavaRosa session run in the background.
 */
public final class FormOpener {
    private static final Set<String> RESIDENCE_KINDS = Set.of("owner", "tenant", "resident", "other");

    private FormOpener() {
    }

    /** A new record of {@code formId}; {@code subjectId} is the house (or place) it is about, or null. */
    public static void open(Worker worker, String formId, String subjectId) {
        worker.ctx().background().run(() -> {
            FormDefinition form = worker.forms().latest(formId);
            Map<String, Object> prefill = subjectId == null ? Map.of() : prefill(worker, formId, subjectId);
            try {
                return FormSession.open(form, prefill);
            } catch (IllegalArgumentException doesNotFit) {
                return FormSession.open(form, subjectOnly(formId, subjectId));
            }
        }, s -> worker.ctx().shell().push(new FormScreen(worker, s, UUID.randomUUID().toString(), List.of(), null)),
                e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    /** A draft to finish; a redo's draft is still saved as the replacement of the record it redoes. */
    public static void resume(Worker worker, Draft draft) {
        worker.ctx().background().run(() -> new Opened(restore(worker, draft), draft,
                        worker.redos().rejectedOf(draft.id()).orElse(null)),
                o -> o.push(worker), e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    /**
     * Redo of a rejected record (signed records never change): a new draft of the same form version with the
     * rejected record's answers and photos, to change and save as a new record that replaces it. A redo already
     * started for it is opened again rather than a second one.
     */
    public static void redo(Worker worker, OutboxEntry rejected) {
        Path media = worker.ctx().device().dataDir().resolve("media");
        worker.ctx().background().run(() -> {
            Draft d = worker.redos().draftFor(rejected, media);
            return new Opened(restore(worker, d), d, rejected.recordId());
        }, o -> o.push(worker), e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    /** A draft's session, built in the background, and the record it redoes (or null). */
    private record Opened(FormSession session, Draft draft, String redoes) {
        void push(Worker worker) {
            worker.ctx().shell().push(new FormScreen(worker, session, draft.id(), draft.attachments(), redoes));
        }
    }

    private static FormSession restore(Worker worker, Draft draft) {
        return FormSession.restore(worker.forms().version(draft.form().id(), draft.form().version()), draft.data());
    }

    private static Map<String, Object> prefill(Worker worker, String formId, String houseId) {
        Map<String, Object> p = subjectOnly(formId, houseId);
        if (formId.equals(BuiltInForms.HOUSEHOLD_VISIT)) {
            List<Object> members = new ArrayList<>();
            for (Map<String, Object> r : worker.data().residentsOf(houseId)) {
                Map<String, Object> m = new LinkedHashMap<>();
                if (text(r, "id").matches("[1-9][0-9]{0,17}")) {
                    m.put("person_id", text(r, "id"));
                }
                m.put("name", text(r, "name"));
                if (RESIDENCE_KINDS.contains(text(r, "kind"))) {
                    m.put("residence_kind", text(r, "kind"));
                }
                members.add(m);
            }
            if (!members.isEmpty()) {
                p.put("members", members);
            }
        }
        return p;
    }

    /** Where each built-in form names its subject. */
    private static Map<String, Object> subjectOnly(String formId, String id) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (id == null) {
            return p;
        }
        switch (formId) {
            case BuiltInForms.HOUSEHOLD_VISIT -> p.put("visit", new LinkedHashMap<>(Map.of("house_id", id)));
            case BuiltInForms.HOUSE_INSPECTION -> p.put("house", new LinkedHashMap<>(Map.of("house_id", id)));
            case BuiltInForms.INSPECTION -> p.put("target", new LinkedHashMap<>(Map.of("target_type", "place", "place_id", id)));
            case BuiltInForms.CHECK_IN -> p.put("place_code", id);
            default -> { }
        }
        return p;
    }
}
