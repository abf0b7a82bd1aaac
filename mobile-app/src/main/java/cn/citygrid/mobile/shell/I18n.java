package cn.citygrid.mobile.shell;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's texts: {@code cn/citygrid/mobile/i18n/messages.properties} is Simplified Chinese (the default),
 * {@code messages_en.properties} English. Properties files are read as UTF-8 (Java 9+). Immutable; switching the
 * language makes a new instance and the shell rebuilds the screen.
 */
public final class I18n {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "cn.citygrid.mobile.i18n.messages";
    private final Locale locale;
    private final ResourceBundle bundle;

    private I18n(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** "en…" gives English, anything else Chinese. */
    public static I18n of(String languageTag) {
        return new I18n(isEnglish(languageTag) ? Locale.ENGLISH : CHINESE);
    }

    public static boolean isEnglish(String languageTag) {
        return languageTag != null && languageTag.toLowerCase(Locale.ROOT).startsWith("en");
    }

    public boolean english() {
        return locale.getLanguage().equals("en");
    }

    /** The language tag forms and the server understand: {@code zh} or {@code en}. */
    public String tag() {
        return english() ? "en" : "zh";
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key}, with {@code args} filled in ({@link MessageFormat}); the key itself if missing. */
    public String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
