package cn.citygrid.forms.xform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.javarosa.core.services.locale.Localizer;

/**
 * Which of a form's itext languages is Chinese and which is English. Accepts tags ({@code zh-CN},
 * {@code en}) and XLSForm-style names ({@code Chinese (zh)}, {@code English (en)}); a form with one
 * language uses it for both; null tags mean the form has no itext.
 */
record Languages(List<String> all, String zh, String en) {

    static Languages of(Localizer localizer) {
        if (localizer == null || localizer.getAvailableLocales().length == 0) {
            return new Languages(List.of(), null, null);
        }
        List<String> all = Arrays.asList(localizer.getAvailableLocales());
        String fallback = localizer.getDefaultLocale() != null ? localizer.getDefaultLocale() : all.get(0);
        String zh = find(all, l -> l.startsWith("zh") || l.contains("(zh") || l.contains("chinese") || l.contains("中文"));
        String en = find(all, l -> l.startsWith("en") || l.contains("(en") || l.contains("english"));
        return new Languages(List.copyOf(all), zh != null ? zh : fallback, en != null ? en : (zh != null ? zh : fallback));
    }

    /** The form's language for a caller's tag ("zh", "en", "zh-CN" or one of the form's own names). */
    String pick(String tag) {
        if (tag == null || all.isEmpty()) {
            return zh;
        }
        if (all.contains(tag)) {
            return tag;
        }
        return tag.toLowerCase(Locale.ROOT).startsWith("en") ? en : zh;
    }

    private static String find(List<String> all, Predicate<String> test) {
        return all.stream().filter(l -> test.test(l.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }
}
