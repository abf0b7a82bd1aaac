package cn.citygrid.backend.http;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A failure the caller can act on, thrown by domain code and written once as problem+json by
 * {@link ProblemHandler}. {@code extensions} become extra members of the problem object.
 */
public class DomainException extends RuntimeException {
  private final ProblemType type;
  private final Text detail;
  private final List<FieldError> errors;
  private final JsonObject extensions;

  public DomainException(ProblemType type, Text detail) {
    this(type, detail, List.of(), new JsonObject());
  }

  public DomainException(ProblemType type, Text detail, List<FieldError> errors, JsonObject extensions) {
    super(type.name() + ": " + detail.en(), null, false, false);
    this.type = type;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.extensions = extensions;
  }

  public static DomainException validation(List<FieldError> errors) {
    return new DomainException(ProblemType.VALIDATION,
        Text.of("有 " + errors.size() + " 个字段不合法", errors.size() + " field(s) are invalid"),
        errors, new JsonObject());
  }

  public static DomainException notFound(Text what) {
    return new DomainException(ProblemType.NOT_FOUND, what);
  }

  public ProblemType type() {
    return type;
  }

  public Text detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject extensions() {
    return extensions;
  }

  /** One invalid field: a JSON pointer-like path, a machine code and a message. */
  public record FieldError(String field, String code, Text message) {}
}
