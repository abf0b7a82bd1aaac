package cn.citygrid.forms.xform;

import static org.javarosa.form.api.FormEntryController.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.GroupDef;
import org.javarosa.core.model.IFormElement;
import org.javarosa.form.api.FormEntryCaption;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;

/**
 * Moves a JavaRosa controller page by page, as ODK Collect does: a field-list group or repeat
 * instance is one page, other questions one page each, plus the "add another?" prompt of a repeat
 * and the end. JavaRosa's own stepping skips whatever is not relevant.
 */
final class Navigator {

    private final FormDefinition def;
    private final FormDef form;
    private final FormEntryModel model;
    private final FormEntryController controller;

    Navigator(FormDefinition def, FormDef form) {
        this.def = def;
        this.form = form;
        this.model = new FormEntryModel(form);
        this.controller = new FormEntryController(model);
    }

    FormEntryModel model() {
        return model;
    }

    FormEntryController controller() {
        return controller;
    }

    String pointer(FormIndex index) {
        return index.isInForm() ? Paths.pointer(index.getReference(), def.schema()) : "";
    }

    /** From the current index forward to the first event that is a page. */
    void settleForward() {
        while (true) {
            int event = model.getEvent();
            if (event == EVENT_QUESTION) {
                FormIndex page = fieldListAncestor(model.getFormIndex());
                if (page != null) {
                    controller.jumpToIndex(page);
                }
                return;
            }
            if (event == EVENT_END_OF_FORM || event == EVENT_PROMPT_NEW_REPEAT
                    || ((event == EVENT_GROUP || event == EVENT_REPEAT) && isFieldList(model.getFormIndex()))) {
                return;
            }
            controller.stepToNextEvent();
        }
    }

    /** Past the current page (and everything inside it) to the next page. */
    void forward() {
        FormIndex current = model.getFormIndex();
        if (model.getEvent() == EVENT_END_OF_FORM) {
            return;
        }
        String inside = pointer(current) + "/";
        boolean group = isFieldList(current);
        int event;
        do {
            event = controller.stepToNextEvent();
        } while (group && event != EVENT_END_OF_FORM && pointer(model.getFormIndex()).startsWith(inside));
        settleForward();
    }

    /** Back to the previous page; stays on the first page at the beginning. */
    void back() {
        while (true) {
            int event = controller.stepToPreviousEvent();
            if (event == EVENT_BEGINNING_OF_FORM) {
                settleForward();
                return;
            }
            if (event == EVENT_QUESTION) {
                FormIndex page = fieldListAncestor(model.getFormIndex());
                if (page != null) {
                    controller.jumpToIndex(page);
                }
                return;
            }
            if ((event == EVENT_GROUP || event == EVENT_REPEAT) && isFieldList(model.getFormIndex())) {
                return;
            }
        }
    }

    /** Every index of the form (relevant or not) in order, with its event, that passes the test. */
    FormIndex find(Predicate<FormIndex> test) {
        FormIndex index = FormIndex.createBeginningOfFormIndex();
        while (true) {
            index = model.incrementIndex(index, true);
            if (index.isEndOfFormIndex()) {
                return null;
            }
            if (test.test(index)) {
                return index;
            }
        }
    }

    /** Relevant question indices inside a field-list page, or the single question. */
    List<FormIndex> questionsOf(FormIndex page) {
        List<FormIndex> questions = new ArrayList<>();
        if (model.getEvent(page) == EVENT_QUESTION) {
            questions.add(page);
            return questions;
        }
        String inside = pointer(page) + "/";
        FormIndex index = model.incrementIndex(page, true);
        while (!index.isEndOfFormIndex() && pointer(index).startsWith(inside)) {
            if (model.getEvent(index) == EVENT_QUESTION && model.isIndexRelevant(index)) {
                questions.add(index);
            }
            index = model.incrementIndex(index, true);
        }
        return questions;
    }

    boolean isFieldList(FormIndex index) {
        if (!index.isInForm()) {
            return false;
        }
        IFormElement element = form.getChild(index);
        return element instanceof GroupDef g && g.getAppearanceAttr() != null
                && g.getAppearanceAttr().toLowerCase(java.util.Locale.ROOT).contains("field-list");
    }

    private FormIndex fieldListAncestor(FormIndex question) {
        FormEntryCaption[] hierarchy = model.getCaptionHierarchy(question);
        for (int i = 0; i < hierarchy.length - 1; i++) {
            if (isFieldList(hierarchy[i].getIndex())) {
                return hierarchy[i].getIndex();
            }
        }
        return null;
    }
}
