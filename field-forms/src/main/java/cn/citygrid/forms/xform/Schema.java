package cn.citygrid.forms.xform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.IFormElement;
import org.javarosa.core.model.QuestionDef;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.model.instance.TreeReference;

/** The shape of a form's primary instance, read once from a parsed form: every node by XForms path. */
final class Schema {

    private final Map<String, FormField> byXPath = new LinkedHashMap<>();
    private final Map<String, QuestionDef> questions = new HashMap<>();
    private final Set<String> dynamicChoices = new LinkedHashSet<>();
    private final String rootName;

    Schema(FormDef form, XFormHeader header) {
        indexQuestions(form.getChildren());
        TreeElement root = form.getMainInstance().getRoot();
        rootName = root.getName();
        walk(root, header);
    }

    String rootName() {
        return rootName;
    }

    Map<String, FormField> fields() {
        return byXPath;
    }

    FormField field(String xpath) {
        return byXPath.get(xpath);
    }

    boolean hasDynamicChoices(String xpath) {
        return dynamicChoices.contains(xpath);
    }

    /** Children of a schema node, one per name in document order: the template for a repeat. */
    static List<TreeElement> children(TreeElement node) {
        List<TreeElement> children = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.getNumChildren(); i++) {
            String name = node.getChildAt(i).getName();
            if (seen.add(name)) {
                TreeElement template = node.getChild(name, TreeReference.INDEX_TEMPLATE);
                children.add(template != null ? template : node.getChild(name, 0));
            }
        }
        return children;
    }

    static boolean isRepeat(TreeElement node) {
        return node.isRepeatable() || node.getMult() == TreeReference.INDEX_TEMPLATE;
    }

    private void walk(TreeElement node, XFormHeader header) {
        for (TreeElement child : children(node)) {
            String xpath = Paths.xpath(child);
            String path = Paths.generic(child);
            if (isRepeat(child) || child.hasChildren()) {
                FormField.Kind kind = isRepeat(child) ? FormField.Kind.REPEAT : FormField.Kind.GROUP;
                byXPath.put(xpath, new FormField(path, kind, null, List.of(), false));
                walk(child, header);
            } else {
                byXPath.put(xpath, answer(child, xpath, path, header));
            }
        }
    }

    private FormField answer(TreeElement leaf, String xpath, String path, XFormHeader header) {
        QuestionDef question = questions.get(xpath);
        AnswerType type = AnswerType.of(leaf.getDataType(), question == null ? -1 : question.getControlType());
        List<String> choices = new ArrayList<>();
        if (question != null && question.getDynamicChoices() != null) {
            dynamicChoices.add(xpath);
        } else if (question != null && question.getChoices() != null) {
            for (SelectChoice choice : question.getChoices()) {
                choices.add(choice.getValue());
            }
        }
        XFormHeader.Bind bind = header.binds().get(xpath);
        boolean calculated = bind != null && bind.calculate() != null;
        return new FormField(path, FormField.Kind.ANSWER, type, choices, calculated);
    }

    QuestionDef question(String xpath) {
        return questions.get(xpath);
    }

    private void indexQuestions(List<IFormElement> elements) {
        if (elements == null) {
            return;
        }
        for (IFormElement element : elements) {
            if (element instanceof QuestionDef q && q.getBind() != null) {
                questions.put(Paths.xpath((TreeReference) q.getBind().getReference()), q);
            }
            indexQuestions(element.getChildren());
        }
    }
}
