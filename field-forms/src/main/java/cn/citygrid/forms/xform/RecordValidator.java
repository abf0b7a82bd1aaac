package cn.citygrid.forms.xform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.model.instance.TreeReference;

/**
 * Validates a record's payload against the exact form version it was filled with, by loading the
 * answers into JavaRosa and evaluating the form: answers must fit their type and choices, answers
 * to questions that are not relevant must be absent, required answers present, constraints hold,
 * submitted calculated values equal the recomputed ones, and every binary answer must name one of
 * the record's attachments (and every attachment be named). Stateless and thread-safe.
 *
 * <p>Preconditions: {@code payload} is the JSON object as parsed (maps, lists, strings, numbers,
 * booleans); a top-level {@code clientId} is the envelope's and is not checked here.
 */
public final class RecordValidator {

    public ValidationResult validate(FormDefinition form, Map<String, ?> payload, Collection<String> attachmentNames) {
        InstanceLoader.Loaded loaded = InstanceLoader.loadForValidation(form, payload);
        List<FieldError> errors = new ArrayList<>(loaded.errors());
        if (loaded.form() == null) {
            form.discardReusedFormDef();
        } else {
            try {
                Walk walk = new Walk(form, loaded, attachmentNames, errors);
                walk.children(loaded.form().getMainInstance().getRoot());
                walk.unusedAttachments();
            } catch (RuntimeException | StackOverflowError e) {
                form.discardReusedFormDef();
                throw e;
            }
        }
        errors.sort(Comparator.comparingInt(e -> loaded.order().getOrDefault(e.field(), Integer.MAX_VALUE)));
        return new ValidationResult(errors);
    }

    /** One pass over the loaded instance in document order. */
    private static final class Walk {
        private final FormDefinition def;
        private final InstanceLoader.Loaded loaded;
        private final FormDef form;
        private final Collection<String> attachments;
        private final List<FieldError> errors;
        private final Set<String> failed = new HashSet<>();
        private final Set<String> named = new HashSet<>();

        Walk(FormDefinition def, InstanceLoader.Loaded loaded, Collection<String> attachments, List<FieldError> errors) {
            this.def = def;
            this.loaded = loaded;
            this.form = loaded.form();
            this.attachments = attachments;
            this.errors = errors;
            errors.forEach(e -> failed.add(e.field()));
        }

        void children(TreeElement node) {
            for (int i = 0; i < node.getNumChildren(); i++) {
                TreeElement child = node.getChildAt(i);
                if (child.getMult() != TreeReference.INDEX_TEMPLATE) {
                    visit(child);
                }
            }
        }

        private void visit(TreeElement node) {
            String pointer = Paths.pointer(node);
            if (!node.isRelevant()) {
                if (loaded.presentAt(pointer) && !failed.contains(pointer)) {
                    errors.add(new FieldError(pointer, FieldError.Code.NOT_RELEVANT, Messages.NOT_RELEVANT));
                }
            } else if (Schema.isRepeat(node) || node.hasChildren()) {
                children(node);
            } else if (!failed.contains(pointer)) {
                leaf(node, pointer);
            }
        }

        private void leaf(TreeElement node, String pointer) {
            FormField field = def.schema().field(Paths.xpath(node));
            if (field.calculated()) {
                errors.addAll(Checks.calculation(def, node, loaded.submitted().get(pointer)));
                return;
            }
            errors.addAll(Checks.answer(def, form, node));
            String file = loaded.submitted().get(pointer);
            if (field.type().isBinary() && file != null) {
                named.add(file);
                if (!attachments.contains(file)) {
                    errors.add(new FieldError(pointer, FieldError.Code.ATTACHMENT_MISSING, Messages.attachmentMissing(file)));
                }
            }
        }

        void unusedAttachments() {
            for (String name : attachments) {
                if (!named.contains(name)) {
                    errors.add(new FieldError("attachments/" + name, FieldError.Code.ATTACHMENT_UNUSED,
                            Messages.attachmentUnused(name)));
                }
            }
        }
    }
}
