package cn.citygrid.forms;

import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.ValidationResult;
import java.util.List;

/** Short spellings of expected errors: "field code". */
public final class FieldErrors {

    private FieldErrors() {}

    public static List<String> of(ValidationResult result) {
        return of(result.errors());
    }

    public static List<String> of(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.code().id()).toList();
    }
}
