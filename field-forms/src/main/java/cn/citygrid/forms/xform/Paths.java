package cn.citygrid.forms.xform;

import java.util.ArrayDeque;
import java.util.Deque;
import org.javarosa.core.model.instance.AbstractTreeElement;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.model.instance.TreeReference;

/**
 * Names for instance nodes. A pointer is the RFC 6901 JSON Pointer of the node in the payload: the
 * root element is not named, repeat instances add their 0-based index ({@code /members/2/name}).
 * XML element names cannot contain {@code /} or {@code ~}, so no escaping is needed. The XForms path
 * is the generic absolute path binds use ({@code /data/members/name}).
 */
final class Paths {

    private Paths() {}

    static String pointer(TreeElement node) {
        Deque<String> segments = new ArrayDeque<>();
        for (TreeElement e = node; hasParentElement(e); e = (TreeElement) e.getParent()) {
            if (e.isRepeatable()) {
                segments.push(String.valueOf(e.getMult()));
            }
            segments.push(e.getName());
        }
        return segments.isEmpty() ? "" : "/" + String.join("/", segments);
    }

    static String generic(TreeElement node) {
        Deque<String> segments = new ArrayDeque<>();
        for (TreeElement e = node; hasParentElement(e); e = (TreeElement) e.getParent()) {
            segments.push(e.getName());
        }
        return segments.isEmpty() ? "" : "/" + String.join("/", segments);
    }

    static String xpath(TreeElement node) {
        return xpath(node.getRef());
    }

    static String xpath(TreeReference ref) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < ref.size(); i++) {
            path.append('/').append(ref.getName(i));
        }
        return path.toString();
    }

    /** The pointer of a reference with multiplicities, also for nodes that do not exist yet. */
    static String pointer(TreeReference ref, Schema schema) {
        StringBuilder pointer = new StringBuilder();
        StringBuilder xpath = new StringBuilder("/").append(ref.getName(0));
        for (int i = 1; i < ref.size(); i++) {
            xpath.append('/').append(ref.getName(i));
            pointer.append('/').append(ref.getName(i));
            FormField field = schema.field(xpath.toString());
            if (field != null && field.kind() == FormField.Kind.REPEAT) {
                pointer.append('/').append(Math.max(ref.getMultiplicity(i), 0));
            }
        }
        return pointer.toString();
    }

    /** The instance node a pointer names, or null; a repeat name must be followed by an index. */
    static TreeElement resolve(TreeElement root, String pointer) {
        if (pointer.isEmpty()) {
            return root;
        }
        if (!pointer.startsWith("/")) {
            return null;
        }
        String[] segments = pointer.substring(1).split("/", -1);
        TreeElement node = root;
        for (int i = 0; i < segments.length && node != null; i++) {
            String name = segments[i];
            TreeElement first = node.getChild(name, TreeReference.INDEX_TEMPLATE);
            boolean repeat = first != null || (node.getChild(name, 0) != null && node.getChild(name, 0).isRepeatable());
            if (repeat) {
                Integer index = ++i < segments.length ? index(segments[i]) : null;
                node = index == null ? null : node.getChild(name, index);
            } else {
                node = node.getChild(name, 0);
            }
        }
        return node;
    }

    private static Integer index(String segment) {
        return segment.matches("0|[1-9][0-9]{0,8}") ? Integer.valueOf(segment) : null;
    }

    private static boolean hasParentElement(TreeElement e) {
        AbstractTreeElement<?> parent = e.getParent();
        return parent instanceof TreeElement p && p.getName() != null && !isBase(p);
    }

    // the main instance's root hangs under a nameless base element in some JavaRosa versions
    private static boolean isBase(TreeElement p) {
        return p.getParent() == null && p.getRef().size() == 0;
    }
}
