package cn.citygrid.mobile.form;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormParseException;
import cn.citygrid.sync.client.pull.Replica;
import cn.citygrid.sync.protocol.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The form versions the phone can fill: those the server synced ({@code form} entities: XForm XML with its SM3,
 * docs/sync-protocol.md §5), newest version first, else the built-in version shipped with the app. Parsed
 * versions are cached (they are immutable). Parsing is JavaRosa work: off the FX thread.
 */
public final class FormLibrary {
    private final Replica replica;
    private final Map<String, FormDefinition> parsed = new ConcurrentHashMap<>();

    /** {@code replica} null: built-in forms only (citizen mode). */
    public FormLibrary(Replica replica) {
        this.replica = replica;
    }

    /** The version new records of {@code formId} use. */
    public FormDefinition latest(String formId) {
        return synced(formId).orElseGet(() -> parsed.computeIfAbsent(formId + "@builtin", k -> BuiltInForms.form(formId)));
    }

    /** The exact version a record or draft names (synced or built in). */
    public FormDefinition version(String formId, String version) {
        if (version.equals(BuiltInForms.VERSION) && BuiltInForms.IDS.contains(formId)) {
            return parsed.computeIfAbsent(formId + "@builtin", k -> BuiltInForms.form(formId));
        }
        return replica == null ? latest(formId) : replica.get("form", formId + "@" + version).map(this::parse)
                .orElseThrow(() -> new IllegalArgumentException("form " + formId + "@" + version + " is not on this phone"));
    }

    private Optional<FormDefinition> synced(String formId) {
        if (replica == null) {
            return Optional.empty();
        }
        return replica.where("form", "id", formId).stream()
                .max(Comparator.comparing(f -> text(f, "version")))
                .map(this::parse);
    }

    private FormDefinition parse(Map<String, Object> entity) {
        String key = text(entity, "id") + "@" + text(entity, "version");
        return parsed.computeIfAbsent(key, k -> {
            byte[] xml = text(entity, "xform").getBytes(StandardCharsets.UTF_8);
            String sm3 = text(entity, "sm3");
            if (!sm3.isEmpty() && !Sm3.hex(xml).equals(sm3)) {
                throw new IllegalStateException("form " + k + ": XML does not match its SM3");
            }
            try {
                return FormDefinition.parse(xml);
            } catch (FormParseException e) {
                throw new IllegalStateException("form " + k + " does not parse: " + e.getMessage(), e);
            }
        });
    }
}
