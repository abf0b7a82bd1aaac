package cn.citygrid.forms.xform;

import java.util.List;

/**
 * One node of a form version's data, for tools that need the form's shape without JavaRosa
 * (mapping checks, the web admin). {@code path} is the payload path with repeats not indexed
 * ({@code /members/name}); {@code type} is null for groups and repeats; {@code choices} lists the
 * values of a select with a static choice list and is empty otherwise.
 */
public record FormField(String path, Kind kind, AnswerType type, List<String> choices, boolean calculated) {

    public FormField {
        choices = List.copyOf(choices);
    }

    public enum Kind { GROUP, REPEAT, ANSWER }
}
