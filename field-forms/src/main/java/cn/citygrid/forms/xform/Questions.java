package cn.citygrid.forms.xform;

import java.util.ArrayList;
import java.util.List;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.form.api.FormEntryPrompt;

/** Builds the phone's view of one question from JavaRosa's prompt, in the session's language. */
final class Questions {

    private Questions() {}

    static Question of(FormDefinition def, Navigator navigator, FormIndex index) {
        FormEntryPrompt prompt = navigator.model().getQuestionPrompt(index);
        String pointer = navigator.pointer(index);
        FormField field = def.schema().field(Paths.xpath(index.getReference()));
        AnswerType type = field != null && field.type() != null ? field.type() : AnswerType.TEXT;
        List<Question.Choice> choices = new ArrayList<>();
        List<SelectChoice> selectChoices = prompt.getSelectChoices();
        if (selectChoices != null) {
            for (SelectChoice choice : selectChoices) {
                choices.add(new Question.Choice(choice.getValue(), prompt.getSelectChoiceText(choice)));
            }
        }
        return new Question(pointer, type, prompt.getLongText(), prompt.getHelpText(), prompt.isRequired(),
                prompt.isReadOnly(), choices, AnswerCodec.toJson(prompt.getAnswerValue(), type),
                prompt.getAppearanceHint());
    }
}
