package cn.citygrid.forms.xform;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javarosa.core.services.locale.Localizer;

/**
 * The bilingual texts of validation errors: a form's own constraint and required messages
 * ({@code jr:constraintMsg}, {@code jr:requiredMsg}, literal or {@code jr:itext('id')}), resolved
 * once per form version, and our defaults for everything a form cannot word itself.
 */
final class Messages {

    static final Message REQUIRED = new Message("此项为必填项", "This field is required");
    static final Message CONSTRAINT = new Message("填写内容不符合要求", "The answer does not satisfy the form's constraint");
    static final Message NOT_RELEVANT = new Message("根据其他答案此项不适用，不应填写",
            "This field does not apply given the other answers and must be left out");
    static final Message UNKNOWN_FIELD = new Message("表单中没有此项", "The form has no such field");
    static final Message EXPECTED_OBJECT = new Message("应为对象", "expected a JSON object");
    static final Message EXPECTED_ARRAY = new Message("应为对象数组（重复组）", "expected an array of objects (a repeat)");

    private static final Pattern ITEXT = Pattern.compile("\\s*jr:itext\\(\\s*'([^']*)'\\s*\\)\\s*");

    private final Map<String, Message> constraint = new HashMap<>();
    private final Map<String, Message> required = new HashMap<>();

    Messages(XFormHeader header, Localizer localizer, Languages languages) {
        header.binds().forEach((xpath, bind) -> {
            if (bind.constraintMsg() != null) {
                constraint.put(xpath, resolve(bind.constraintMsg(), localizer, languages, CONSTRAINT));
            }
            if (bind.requiredMsg() != null) {
                required.put(xpath, resolve(bind.requiredMsg(), localizer, languages, REQUIRED));
            }
        });
    }

    Message constraint(String xpath) {
        return constraint.getOrDefault(xpath, CONSTRAINT);
    }

    Message required(String xpath) {
        return required.getOrDefault(xpath, REQUIRED);
    }

    static Message notAChoice(Object value) {
        return new Message("“" + value + "”不是本题的选项", "\"" + value + "\" is not one of this question's choices");
    }

    static Message calculation(Object expected, Object got) {
        return new Message("计算结果应为 " + shown(expected, "空") + "，提交的是 " + shown(got, "空"),
                "the calculated value is " + shown(expected, "empty") + ", the record has " + shown(got, "nothing"));
    }

    static Message attachmentMissing(String name) {
        return new Message("附件 " + name + " 不在记录的附件列表中", "attachment " + name + " is not in the record's attachments");
    }

    static Message attachmentUnused(String name) {
        return new Message("附件 " + name + " 未被任何答案引用", "attachment " + name + " is not named by any answer");
    }

    static Message evaluation(String detail) {
        return new Message("表单计算出错：" + detail, "the form could not be evaluated: " + detail);
    }

    static Message readOnly() {
        return new Message("此项为只读", "This field is read-only");
    }

    private static String shown(Object value, String none) {
        return value == null ? none : value.toString();
    }

    private static Message resolve(String raw, Localizer localizer, Languages languages, Message fallback) {
        Matcher itext = ITEXT.matcher(raw);
        if (!itext.matches()) {
            return Message.same(raw);
        }
        String zh = text(localizer, itext.group(1), languages.zh());
        String en = text(localizer, itext.group(1), languages.en());
        if (zh == null && en == null) {
            return fallback;
        }
        return new Message(zh != null ? zh : en, en != null ? en : zh);
    }

    private static String text(Localizer localizer, String id, String locale) {
        if (localizer == null || locale == null) {
            return null;
        }
        try {
            return localizer.getText(id, locale);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
