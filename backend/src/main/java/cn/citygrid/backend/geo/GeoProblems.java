package cn.citygrid.backend.geo;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * geo-services' failures as problems of our catalogue: the GeoException's code names the problem
 * type (same slug), its Chinese and English messages are the detail and its details become
 * extension members. A code the catalogue does not list falls back by kind, so a new code in
 * geo-services still answers with the right status family.
 */
public final class GeoProblems {
  private static final Map<String, ProblemType> BY_SLUG = Arrays.stream(ProblemType.values())
      .collect(Collectors.toMap(ProblemType::slug, Function.identity()));

  private GeoProblems() {}

  /** For {@link cn.citygrid.backend.http.ProblemHandler}: a GeoException becomes a DomainException, anything else stays. */
  public static Throwable translate(Throwable failure) {
    return failure instanceof GeoException geo ? toProblem(geo) : failure;
  }

  static DomainException toProblem(GeoException e) {
    ProblemType type = BY_SLUG.getOrDefault(e.code(), byKind(e.kind()));
    JsonObject extensions = e.details().copy();
    if (type.status() >= 500) {
      // an upstream's own answer may name its internals; the log has it, the client gets where and what status
      extensions.remove("body");
    }
    return new DomainException(type, Text.of(e.zhMessage(), e.enMessage()), java.util.List.of(), extensions);
  }

  static ProblemType byKind(GeoException.Kind kind) {
    return switch (kind) {
      case INVALID -> ProblemType.VALIDATION;
      case NOT_FOUND -> ProblemType.NOT_FOUND;
      case CONFLICT -> ProblemType.CONFLICT;
      case UPSTREAM -> ProblemType.UPSTREAM_FAILED;
    };
  }
}
