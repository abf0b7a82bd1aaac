package cn.citygrid.forms.xform;

import java.util.Objects;

/**
 * One problem with one answer of a record. {@code field} is a JSON Pointer (RFC 6901) into the
 * payload, repeats indexed from 0 ({@code /members/2/name}); for an attachment that no answer names
 * it is {@code attachments/<name>}; for a failure of the whole form it is the empty string.
 * The server copies these into problem+json {@code errors[]}.
 */
public record FieldError(String field, Code code, String messageZh, String messageEn) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageZh, "messageZh");
        Objects.requireNonNull(messageEn, "messageEn");
    }

    FieldError(String field, Code code, Message message) {
        this(field, code, message.zh(), message.en());
    }

    public Message message() {
        return new Message(messageZh, messageEn);
    }

    /** The rule an answer broke; {@link #id()} is the wire name. */
    public enum Code {
        REQUIRED("required"),
        CONSTRAINT("constraint"),
        NOT_RELEVANT("not-relevant"),
        TYPE("type"),
        CHOICE("choice"),
        CALCULATION("calculation"),
        UNKNOWN_FIELD("unknown-field"),
        READ_ONLY("read-only"),
        ATTACHMENT_MISSING("attachment-missing"),
        ATTACHMENT_UNUSED("attachment-unused"),
        EVALUATION("evaluation");

        private final String id;

        Code(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
