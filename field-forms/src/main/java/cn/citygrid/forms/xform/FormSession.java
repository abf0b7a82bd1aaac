package cn.citygrid.forms.xform;

import static org.javarosa.form.api.FormEntryController.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.xform.util.XFormAnswerDataParser;

/**
 * Filling in one record on the phone, driven page by page on the same JavaRosa engine the server
 * validates with. Answers go in and come out in the payload's JSON shape, addressed by JSON Pointer
 * ({@code /members/1/phone}); {@link #toPayload()} is what the phone signs and
 * {@link #restore(FormDefinition, Map)} resumes a draft from it. Not thread-safe: one UI thread.
 */
public final class FormSession {

    private final FormDefinition def;
    private final FormDef form;
    private final Navigator navigator;
    private final Object clientId;

    private FormSession(FormDefinition def, Map<String, ?> answers, InstanceLoader.Mode mode) {
        InstanceLoader.Loaded loaded = InstanceLoader.load(def, answers, mode);
        if (!loaded.errors().isEmpty() || loaded.form() == null) {
            throw new IllegalArgumentException("answers do not fit " + def + ": " + loaded.errors());
        }
        this.def = def;
        this.form = loaded.form();
        this.navigator = new Navigator(def, form);
        this.clientId = answers.get("clientId");
        language("zh");
        navigator.controller().jumpToIndex(FormIndex.createBeginningOfFormIndex());
        navigator.settleForward();
    }

    /** A new record with the form's defaults and preloads. */
    public static FormSession open(FormDefinition def) {
        return new FormSession(def, Map.of(), InstanceLoader.Mode.PREFILL);
    }

    /**
     * A new record seeded with answers in payload shape (a scanned house id, the known residents);
     * everything not given takes the form's default, preloads run.
     *
     * @throws IllegalArgumentException when an answer does not fit the form (unknown, wrong type, not a choice)
     */
    public static FormSession open(FormDefinition def, Map<String, ?> prefill) {
        return new FormSession(def, prefill, InstanceLoader.Mode.PREFILL);
    }

    /** Resumes a draft saved with {@link #toPayload()}: exactly those answers, no defaults, no preloads. */
    public static FormSession restore(FormDefinition def, Map<String, ?> draft) {
        return new FormSession(def, draft, InstanceLoader.Mode.RECORD);
    }

    public FormDefinition form() {
        return def;
    }

    /** Labels, hints and constraint messages in this language ("zh" or "en" or one of the form's). */
    public void language(String tag) {
        String language = def.languageTags().pick(tag);
        if (language != null) {
            navigator.controller().setLanguage(language);
        }
    }

    public Page page() {
        FormIndex index = navigator.model().getFormIndex();
        int event = navigator.model().getEvent();
        if (event == EVENT_END_OF_FORM) {
            return new Page(Page.Kind.END, "", null, List.of());
        }
        String pointer = navigator.pointer(index);
        if (event == EVENT_PROMPT_NEW_REPEAT) {
            String repeat = pointer.substring(0, pointer.lastIndexOf('/'));
            return new Page(Page.Kind.ADD_REPEAT, repeat, caption(index), List.of());
        }
        List<Question> questions = new ArrayList<>();
        for (FormIndex question : navigator.questionsOf(index)) {
            questions.add(Questions.of(def, navigator, question));
        }
        String title = event == EVENT_QUESTION ? null : caption(index);
        return new Page(Page.Kind.QUESTIONS, pointer, title, questions);
    }

    /** Moves to the next page unless this page has required answers missing or broken constraints. */
    public StepResult next() {
        List<FieldError> errors = pageErrors();
        if (!errors.isEmpty()) {
            return new StepResult(false, page(), errors);
        }
        navigator.forward();
        return new StepResult(true, page(), List.of());
    }

    public Page previous() {
        navigator.back();
        return page();
    }

    /** Errors of the current page's questions, as {@link #next()} would report them. */
    public List<FieldError> pageErrors() {
        List<FieldError> errors = new ArrayList<>();
        for (Question question : page().questions()) {
            TreeElement node = node(question.pointer());
            if (!def.schema().field(Paths.xpath(node)).calculated()) {
                errors.addAll(Checks.answer(def, form, node));
            }
        }
        return errors;
    }

    /**
     * Sets (or with null clears) one answer, given as in the payload, and returns its problems at
     * once: a wrong type, a value that is not a choice or a read-only question leaves the answer as it
     * was; a broken constraint keeps the answer and reports the form's message, as Collect does.
     *
     * @throws IllegalArgumentException when the pointer names no answer of the form
     */
    public List<FieldError> answer(String pointer, Object value) {
        TreeElement node = node(pointer);
        FormField field = def.schema().field(Paths.xpath(node));
        if (field == null || field.kind() != FormField.Kind.ANSWER) {
            throw new IllegalArgumentException("not an answer: " + pointer);
        }
        if (field.calculated() || !node.isEnabled()) {
            return List.of(new FieldError(pointer, FieldError.Code.READ_ONLY, Messages.readOnly()));
        }
        String text;
        try {
            text = AnswerCodec.toText(value, field.type());
        } catch (AnswerCodec.WrongType e) {
            return List.of(new FieldError(pointer, FieldError.Code.TYPE, AnswerCodec.expected(field.type())));
        }
        String notAChoice = text == null || field.choices().isEmpty() ? null
                : java.util.Arrays.stream(text.split(" ")).filter(v -> !field.choices().contains(v)).findFirst().orElse(null);
        if (notAChoice != null) {
            return List.of(new FieldError(pointer, FieldError.Code.CHOICE, Messages.notAChoice(notAChoice)));
        }
        IAnswerData data = text == null ? null
                : XFormAnswerDataParser.getAnswerData(text, node.getDataType(), FormDef.findQuestionByRef(node.getRef(), form));
        form.setValue(data, node.getRef(), true);
        return Checks.answer(def, form, node);
    }

    /** The current answer at a pointer in payload form, or null. */
    public Object answerAt(String pointer) {
        TreeElement node = node(pointer);
        FormField field = def.schema().field(Paths.xpath(node));
        return field.kind() == FormField.Kind.ANSWER ? AnswerCodec.toJson(node.getValue(), field.type()) : null;
    }

    /**
     * Adds an instance at the end of a repeat ({@code /members}) and moves to its page.
     *
     * @return the new instance's pointer ({@code /members/3})
     * @throws IllegalArgumentException when there is no such repeat, or it is not relevant now
     */
    public String addRepeat(String repeatPointer) {
        FormIndex prompt = navigator.find(i -> navigator.model().getEvent(i) == EVENT_PROMPT_NEW_REPEAT
                && navigator.pointer(i).matches(java.util.regex.Pattern.quote(repeatPointer) + "/\\d+"));
        if (prompt == null || !navigator.model().isIndexRelevant(prompt)) {
            throw new IllegalArgumentException("cannot add to " + repeatPointer);
        }
        String added = navigator.pointer(prompt);
        navigator.controller().newRepeat(prompt);
        navigator.controller().jumpToIndex(prompt);
        navigator.settleForward();
        return added;
    }

    /** Removes one repeat instance ({@code /members/1}); later instances move up by one. */
    public void removeRepeat(String instancePointer) {
        FormIndex instance = navigator.find(i -> navigator.model().getEvent(i) == EVENT_REPEAT
                && navigator.pointer(i).equals(instancePointer));
        if (instance == null) {
            throw new IllegalArgumentException("no repeat instance " + instancePointer);
        }
        FormIndex after = navigator.controller().deleteRepeat(instance);
        navigator.controller().jumpToIndex(after);
        navigator.settleForward();
    }

    /** Moves to the page that shows this question (e.g. to fix an error the server reported). */
    public Page jumpTo(String pointer) {
        FormIndex index = navigator.find(i -> navigator.model().getEvent(i) == EVENT_QUESTION
                && navigator.pointer(i).equals(pointer));
        if (index == null) {
            throw new IllegalArgumentException("no question " + pointer);
        }
        navigator.controller().jumpToIndex(index);
        navigator.settleForward();
        return page();
    }

    /** The answers in payload shape (non-relevant and empty answers left out), with the draft's clientId. */
    public Map<String, Object> toPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (clientId != null) {
            payload.put("clientId", clientId);
        }
        payload.putAll(PayloadWriter.write(def, form.getMainInstance().getRoot()));
        return payload;
    }

    /** The full server-side check of {@link #toPayload()}, for the phone's "finalise" button. */
    public ValidationResult validate(Collection<String> attachmentNames) {
        return new RecordValidator().validate(def, toPayload(), attachmentNames);
    }

    private String caption(FormIndex index) {
        return navigator.model().getCaptionPrompt(index).getLongText();
    }

    private TreeElement node(String pointer) {
        TreeElement node = Paths.resolve(form.getMainInstance().getRoot(), pointer);
        if (node == null) {
            throw new IllegalArgumentException("no such node: " + pointer);
        }
        return node;
    }
}
