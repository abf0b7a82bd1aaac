package cn.citygrid.forms.mapping;

/**
 * A mapping file is not usable (bad JSON, unknown fact or field, path not in the form), or a
 * payload lacks a value a fact needs; the message names the rule and field.
 */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
