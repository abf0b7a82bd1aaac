package cn.citygrid.forms.xform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.model.instance.TreeReference;

/**
 * Writes a JavaRosa instance as the payload JSON shape: groups are objects, repeats arrays of
 * objects, answers typed JSON values (see {@link AnswerCodec}). Like ODK's submission, nodes that
 * are not relevant are left out, and so are empty answers and groups with nothing in them.
 */
final class PayloadWriter {

    private PayloadWriter() {}

    static Map<String, Object> write(FormDefinition def, TreeElement root) {
        return group(def, root);
    }

    private static Map<String, Object> group(FormDefinition def, TreeElement node) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < node.getNumChildren(); i++) {
            TreeElement child = node.getChildAt(i);
            if (child.getMult() == TreeReference.INDEX_TEMPLATE || !child.isRelevant()) {
                continue;
            }
            Object value = value(def, child);
            if (Schema.isRepeat(child)) {
                repeatItems(object, child.getName()).add(value);
            } else if (value != null) {
                object.put(child.getName(), value);
            }
        }
        return object;
    }

    private static Object value(FormDefinition def, TreeElement node) {
        if (Schema.isRepeat(node)) {
            return group(def, node);
        }
        if (node.hasChildren()) {
            Map<String, Object> object = group(def, node);
            return object.isEmpty() ? null : object;
        }
        FormField field = def.schema().field(Paths.xpath(node));
        return AnswerCodec.toJson(node.getValue(), field.type());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> repeatItems(Map<String, Object> object, String name) {
        return (List<Object>) object.computeIfAbsent(name, k -> new ArrayList<>());
    }
}
