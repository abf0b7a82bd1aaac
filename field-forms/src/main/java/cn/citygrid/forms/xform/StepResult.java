package cn.citygrid.forms.xform;

import java.util.List;

/**
 * The answer to "next page": either the session moved and {@code page} is the new page, or the
 * current page has errors (required answers missing, constraints broken) and the session stayed.
 */
public record StepResult(boolean moved, Page page, List<FieldError> errors) {

    public StepResult {
        errors = List.copyOf(errors);
    }
}
