package cn.citygrid.forms.xform;

/**
 * An uploaded document cannot be published as a form version. {@link #reason()} says which rule
 * it broke (for the problem+json {@code code}); the message gives the detail in English,
 * including JavaRosa's own text when JavaRosa rejected the form.
 */
public final class FormParseException extends Exception {

    /** Why a document is not a usable form version, with a bilingual summary. */
    public enum Reason {
        MALFORMED_XML("malformed-xml", "不是格式正确的 XML", "not well-formed XML"),
        NOT_XFORMS("not-xforms", "不是 ODK XForms 表单", "not an ODK XForms document"),
        MISSING_ID("missing-id", "表单实例缺少 id", "the primary instance has no id"),
        INVALID_ID("invalid-id", "表单 id 不合法", "the form id is not allowed"),
        MISSING_VERSION("missing-version", "表单实例缺少 version", "the primary instance has no version"),
        INVALID_VERSION("invalid-version", "表单版本号不合法", "the form version is not allowed"),
        REJECTED_BY_JAVAROSA("rejected-by-javarosa", "表单无法被 JavaRosa 解析或初始化",
                "JavaRosa cannot parse or initialise the form");

        private final String code;
        private final Message summary;

        Reason(String code, String zh, String en) {
            this.code = code;
            this.summary = new Message(zh, en);
        }

        public String code() {
            return code;
        }

        public Message summary() {
            return summary;
        }
    }

    private final Reason reason;

    public FormParseException(Reason reason, String detail) {
        super(reason.summary().en() + ": " + detail);
        this.reason = reason;
    }

    public FormParseException(Reason reason, String detail, Throwable cause) {
        super(reason.summary().en() + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
