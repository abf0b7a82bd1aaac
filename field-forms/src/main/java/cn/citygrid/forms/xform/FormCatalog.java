package cn.citygrid.forms.xform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published form versions, by (id, version). A version once published never changes: publishing
 * the same id and version again with identical XML is a no-op, with different XML a conflict (the
 * author must bump the version). Conflicts are returned as data. Thread-safe.
 */
public final class FormCatalog {

    /** What publishing did. */
    public sealed interface Publication {
        FormDefinition form();

        /** A new version, now findable. */
        record Published(FormDefinition form) implements Publication {}

        /** This exact version was already there (same XML): nothing changed. */
        record AlreadyPublished(FormDefinition form) implements Publication {}

        /** The id and version are taken by different XML; {@code form} is the one kept. */
        record Conflict(FormDefinition form, FormDefinition refused) implements Publication {}
    }

    private final Map<String, Map<String, FormDefinition>> forms = new LinkedHashMap<>();

    public synchronized Publication publish(FormDefinition form) {
        Map<String, FormDefinition> versions = forms.computeIfAbsent(form.id(), id -> new LinkedHashMap<>());
        FormDefinition existing = versions.get(form.version());
        if (existing == null) {
            versions.put(form.version(), form);
            return new Publication.Published(form);
        }
        return existing.sha256().equals(form.sha256())
                ? new Publication.AlreadyPublished(existing)
                : new Publication.Conflict(existing, form);
    }

    public synchronized Optional<FormDefinition> find(String id, String version) {
        return Optional.ofNullable(forms.getOrDefault(id, Map.of()).get(version));
    }

    /** The versions of a form in the order they were published; empty for an unknown id. */
    public synchronized List<String> versions(String id) {
        return new ArrayList<>(forms.getOrDefault(id, Map.of()).keySet());
    }

    /** The most recently published version of a form, the one new records should use. */
    public synchronized Optional<FormDefinition> latest(String id) {
        List<FormDefinition> versions = new ArrayList<>(forms.getOrDefault(id, Map.of()).values());
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** Form ids in the order they were first published. */
    public synchronized List<String> ids() {
        return new ArrayList<>(forms.keySet());
    }
}
