package cn.citygrid.forms.xform;

import java.util.List;

/** The outcome of validating a record: valid when {@link #errors()} is empty; errors in form order. */
public record ValidationResult(List<FieldError> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
