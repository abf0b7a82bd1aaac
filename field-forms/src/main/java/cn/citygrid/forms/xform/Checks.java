package cn.citygrid.forms.xform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.QuestionDef;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.instance.TreeElement;

/**
 * The rules JavaRosa evaluates for one relevant answer node, worded as field errors: required,
 * constraint (with the form's message), membership of a computed choice list, and a submitted
 * calculated value against the recomputed one. The same code judges a page on the phone and a
 * record on the server.
 */
final class Checks {

    private static final List<String> NONDETERMINISTIC = List.of("now(", "today(", "uuid(", "random(", "once(");

    private Checks() {}

    /** Required and constraint of a relevant, non-calculated answer node. */
    static List<FieldError> answer(FormDefinition def, FormDef form, TreeElement node) {
        String xpath = Paths.xpath(node);
        String pointer = Paths.pointer(node);
        List<FieldError> errors = new ArrayList<>();
        IAnswerData value = node.getValue();
        if (isEmpty(value)) {
            if (node.isRequired()) {
                errors.add(new FieldError(pointer, FieldError.Code.REQUIRED, def.messages().required(xpath)));
            }
            return errors;
        }
        try {
            if (node.getConstraint() != null && !form.evaluateConstraint(node.getRef(), value)) {
                errors.add(new FieldError(pointer, FieldError.Code.CONSTRAINT, def.messages().constraint(xpath)));
            }
            if (def.schema().hasDynamicChoices(xpath)) {
                errors.addAll(dynamicChoice(def, form, node, value));
            }
        } catch (RuntimeException e) {
            errors.add(new FieldError(pointer, FieldError.Code.EVALUATION, Messages.evaluation(String.valueOf(e.getMessage()))));
        }
        return errors;
    }

    /** A submitted calculated value must equal what the form computes (skipped for now(), uuid() …). */
    static List<FieldError> calculation(FormDefinition def, TreeElement node, String submittedText) {
        String xpath = Paths.xpath(node);
        String expression = def.binds().get(xpath).calculate().toLowerCase(Locale.ROOT).replace(" ", "");
        if (NONDETERMINISTIC.stream().anyMatch(expression::contains)) {
            return List.of();
        }
        AnswerType type = def.schema().field(xpath).type();
        String computed = isEmpty(node.getValue()) ? null : node.getValue().uncast().getString();
        if (same(type, computed, submittedText)) {
            return List.of();
        }
        return List.of(new FieldError(Paths.pointer(node), FieldError.Code.CALCULATION,
                Messages.calculation(computed, submittedText)));
    }

    static boolean isEmpty(IAnswerData value) {
        return value == null || value.uncast().getString() == null || value.uncast().getString().isEmpty();
    }

    private static boolean same(AnswerType type, String computed, String submitted) {
        if (computed == null || submitted == null) {
            return computed == null && submitted == null;
        }
        if (type.isNumber()) {
            try {
                return new BigDecimal(computed.trim()).compareTo(new BigDecimal(submitted.trim())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(computed, submitted);
    }

    private static List<FieldError> dynamicChoice(FormDefinition def, FormDef form, TreeElement node, IAnswerData value) {
        QuestionDef question = FormDef.findQuestionByRef(node.getRef(), form);
        if (question == null || question.getDynamicChoices() == null) {
            return List.of();
        }
        List<String> allowed = new ArrayList<>();
        for (SelectChoice choice : question.getDynamicChoices().getChoices(form, node.getRef())) {
            allowed.add(choice.getValue());
        }
        for (String chosen : value.uncast().getString().trim().split("\\s+")) {
            if (!allowed.contains(chosen)) {
                return List.of(new FieldError(Paths.pointer(node), FieldError.Code.CHOICE, Messages.notAChoice(chosen)));
            }
        }
        return List.of();
    }
}
