package cn.citygrid.forms.xform;

import java.util.List;

/**
 * What the phone shows at one step of a {@link FormSession}: a group of questions (a field-list
 * group or repeat instance is one page, any other question is a page of its own), the offer to
 * add another repeat instance, or the end of the form. {@code pointer} names the group, question
 * or repeat; {@code title} is the group's or repeat's label in the session's language (may be null).
 */
public record Page(Kind kind, String pointer, String title, List<Question> questions) {

    public Page {
        questions = List.copyOf(questions);
    }

    public enum Kind { QUESTIONS, ADD_REPEAT, END }
}
