package cn.citygrid.forms.xform;

/** The little XML writing the instance loader needs. */
final class Xml {

    private Xml() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether every character may appear in XML 1.0 text (no NUL or other C0 controls but tab and newlines). */
    static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (control || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
        }
        return true;
    }
}
