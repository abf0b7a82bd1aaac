package cn.citygrid.forms.xform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.xform.parse.XFormParser;

/**
 * Loads a payload into a fresh JavaRosa form the way ODK loads a saved instance: the payload is
 * written as instance XML following the form's shape (every node present, repeats as many times as
 * the arrays say), restored and populated into the form's template, then the form is initialised so
 * JavaRosa computes relevance, required, calculations and constraints from all answers at once.
 * Answers that do not fit their node (unknown name, wrong JSON type, not a choice) are reported and
 * left empty, so the other answers are still checked.
 */
final class InstanceLoader {

    enum Mode {
        /** A submitted record: absent answers are empty, no preloads. */
        RECORD,
        /** A new session seeded with answers: absent answers take the form's defaults, preloads run. */
        PREFILL
    }

    /** The loaded form (null if JavaRosa failed), what the payload held, and its problems. */
    record Loaded(FormDef form, List<FieldError> errors, Map<String, String> submitted, Set<String> present,
            Map<String, Integer> order) {

        /** Whether the payload held an answer or a repeat instance at or below this pointer. */
        boolean presentAt(String pointer) {
            String prefix = pointer + "/";
            return present.stream().anyMatch(p -> p.equals(pointer) || p.startsWith(prefix));
        }
    }

    static final Set<String> RESERVED = Set.of("clientId");

    private final FormDefinition def;
    private final Mode mode;
    private final StringBuilder xml = new StringBuilder();
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> submitted = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final Map<String, Integer> order = new HashMap<>();

    private InstanceLoader(FormDefinition def, Mode mode) {
        this.def = def;
        this.mode = mode;
    }

    /** Loads into a fresh FormDef the caller may keep (a session). */
    static Loaded load(FormDefinition def, Map<String, ?> payload, Mode mode) {
        return load(def, payload, mode, def.newFormDef());
    }

    /** Loads a submitted record into this thread's reused FormDef: valid until the thread's next validation. */
    static Loaded loadForValidation(FormDefinition def, Map<String, ?> payload) {
        return load(def, payload, Mode.RECORD, def.reusedFormDef());
    }

    private static Loaded load(FormDefinition def, Map<String, ?> payload, Mode mode, FormDef form) {
        InstanceLoader loader = new InstanceLoader(def, mode);
        TreeElement schemaRoot = form.getMainInstance().getRoot();
        loader.xml.append('<').append(schemaRoot.getName()).append(" id=\"").append(Xml.escape(def.id()))
                .append("\" version=\"").append(Xml.escape(def.version())).append("\">");
        loader.group(schemaRoot, payload, "");
        loader.xml.append("</").append(schemaRoot.getName()).append('>');
        FormDef loaded = loader.populate(form);
        return new Loaded(loaded, loader.errors, loader.submitted, loader.present, loader.order);
    }

    private FormDef populate(FormDef form) {
        try {
            byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
            TreeElement saved = XFormParser.restoreDataModel(bytes, null).getRoot();
            TreeElement root = form.getMainInstance().getRoot().deepCopy(true);
            root.populate(saved, form);
            form.getMainInstance().setRoot(root);
            JavaRosa.initialise(form, mode == Mode.PREFILL);
            return form;
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(new FieldError("", FieldError.Code.EVALUATION, Messages.evaluation(String.valueOf(e.getMessage()))));
            return null;
        }
    }

    private void group(TreeElement schema, Map<String, ?> object, String pointer) {
        Set<String> names = new HashSet<>();
        for (TreeElement child : Schema.children(schema)) {
            names.add(child.getName());
            node(child, object == null ? null : object.get(child.getName()), pointer + "/" + child.getName());
        }
        if (object != null) {
            for (String key : object.keySet()) {
                if (!names.contains(key) && !(pointer.isEmpty() && RESERVED.contains(key))) {
                    error(pointer + "/" + key, FieldError.Code.UNKNOWN_FIELD, Messages.UNKNOWN_FIELD);
                }
            }
        }
    }

    private void node(TreeElement schema, Object value, String pointer) {
        order.putIfAbsent(pointer, order.size());
        if (Schema.isRepeat(schema)) {
            repeat(schema, value, pointer);
        } else if (schema.hasChildren()) {
            if (value != null && !(value instanceof Map)) {
                error(pointer, FieldError.Code.TYPE, Messages.EXPECTED_OBJECT);
                value = null;
            }
            open(schema);
            group(schema, asObject(value), pointer);
            close(schema);
        } else {
            leaf(schema, value, pointer);
        }
    }

    private void repeat(TreeElement template, Object value, String pointer) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> items)) {
            error(pointer, FieldError.Code.TYPE, Messages.EXPECTED_ARRAY);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPointer = pointer + "/" + i;
            order.putIfAbsent(itemPointer, order.size());
            present.add(itemPointer);
            Object item = items.get(i);
            if (!(item instanceof Map)) {
                error(itemPointer, FieldError.Code.TYPE, Messages.EXPECTED_OBJECT);
                item = Map.of();
            }
            open(template);
            group(template, asObject(item), itemPointer);
            close(template);
        }
    }

    private void leaf(TreeElement schema, Object value, String pointer) {
        String xpath = Paths.xpath(schema);
        FormField field = def.schema().field(xpath);
        String text = null;
        try {
            text = AnswerCodec.toText(value, field.type());
            if (text != null && !Xml.isText(text)) {
                throw new AnswerCodec.WrongType();
            }
        } catch (AnswerCodec.WrongType e) {
            error(pointer, FieldError.Code.TYPE, AnswerCodec.expected(field.type()));
        }
        String notAChoice = text == null ? null : notAChoice(field, text);
        if (notAChoice != null) {
            error(pointer, FieldError.Code.CHOICE, Messages.notAChoice(notAChoice));
            text = null;
        }
        if (text != null) {
            submitted.put(pointer, text);
            present.add(pointer);
        } else if (mode == Mode.PREFILL && value == null && schema.getValue() != null) {
            text = schema.getValue().uncast().getString();
        }
        xml.append('<').append(schema.getName()).append('>');
        xml.append(text == null ? "" : Xml.escape(text));
        xml.append("</").append(schema.getName()).append('>');
    }

    private static String notAChoice(FormField field, String text) {
        if (field.choices().isEmpty()) {
            return null;
        }
        for (String value : text.split(" ")) {
            if (!field.choices().contains(value)) {
                return value;
            }
        }
        return null;
    }

    private void error(String pointer, FieldError.Code code, Message message) {
        order.putIfAbsent(pointer, order.size());
        present.add(pointer);
        errors.add(new FieldError(pointer, code, message));
    }

    private void open(TreeElement node) {
        xml.append('<').append(node.getName()).append('>');
    }

    private void close(TreeElement node) {
        xml.append("</").append(node.getName()).append('>');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asObject(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, ?>) m : null;
    }
}
