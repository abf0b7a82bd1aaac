package cn.citygrid.forms.xform;

import java.util.Objects;

/** A text in Simplified Chinese and English; both are always present (never null). */
public record Message(String zh, String en) {

    public Message {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static Message same(String text) {
        return new Message(text, text);
    }

    /** The text for a language tag: English for tags starting with "en", Chinese otherwise. */
    public String in(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? en : zh;
    }
}
