package cn.citygrid.forms.xform;

import java.util.List;

/**
 * One question as the phone renders it, in the session's language. {@code answer} is the current
 * value in payload form (null when unanswered); {@code choices} is filled for selects (evaluated
 * now, so itemsets with filters are current); {@code appearance} is the XForms appearance hint.
 */
public record Question(String pointer, AnswerType type, String label, String hint, boolean required,
        boolean readOnly, List<Choice> choices, Object answer, String appearance) {

    public Question {
        choices = List.copyOf(choices);
    }

    /** One choice of a select: the value that goes in the payload and its label. */
    public record Choice(String value, String label) {}
}
