package cn.citygrid.backend.http;

import cn.citygrid.backend.http.DomainException.FieldError;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON request body read field by field; every problem is collected, then {@link #validate()}
 * throws one validation problem listing all of them.
 */
public final class JsonBody {
  private final JsonObject json;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody of(RoutingContext ctx) {
    requireJson(ctx);
    return parse(ctx.body().buffer());
  }

  /** The same for bodies of megabytes (a photo inline): parsed on {@code workers}, off the event loop. */
  public static Future<JsonBody> of(RoutingContext ctx, WorkerExecutor workers) {
    requireJson(ctx);
    Buffer buffer = ctx.body().buffer();
    return workers.executeBlocking(() -> parse(buffer), false);
  }

  private static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw ProblemHandler.byStatus(415);
    }
  }

  private static JsonBody parse(Buffer buffer) {
    try {
      Object value = buffer == null ? null : buffer.toJson();
      if (value instanceof JsonObject object) {
        return new JsonBody(object);
      }
    } catch (DecodeException e) {
      // reported below, the same as a body that is JSON but not an object
    }
    throw new DomainException(ProblemType.MALFORMED_REQUEST,
        Text.of("请求体应为 JSON 对象", "The request body must be a JSON object"));
  }

  /** The parsed body, for members this class has no reader for (nested objects). */
  public JsonObject json() {
    return json;
  }

  public String requiredString(String field, int maxLength) {
    String value = optionalString(field, maxLength);
    if (value == null && !hasError(field)) {
      error(field, "required", Text.of("必填", "Required"));
    }
    return value;
  }

  public String optionalString(String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      error(field, "type", Text.of("应为字符串", "Must be a string"));
      return null;
    }
    if (s.isBlank()) {
      error(field, "blank", Text.of("不能为空", "Must not be blank"));
      return null;
    }
    if (s.length() > maxLength) {
      error(field, "too-long", Text.of("不能超过 " + maxLength + " 个字符", "At most " + maxLength + " characters"));
      return null;
    }
    return s;
  }

  /** A required JSON object member (e.g. a GeoJSON geometry). */
  public JsonObject requiredObject(String field) {
    Object value = json.getValue(field);
    if (value instanceof JsonObject object) {
      return object;
    }
    error(field, value == null ? "required" : "type", value == null ? Text.of("必填", "Required") : Text.of("应为 JSON 对象", "Must be a JSON object"));
    return null;
  }

  /**
   * A required array of 1 to {@code max} elements (a batch). Missing, not an array, empty or too long is one
   * error {@code size} on {@code field}, with {@code expected} saying what the array must hold.
   */
  public JsonArray requiredArray(String field, int max, Text expected) {
    Object value = json.getValue(field);
    if (value instanceof JsonArray array && !array.isEmpty() && array.size() <= max) {
      return array;
    }
    error(field, "size", expected);
    return null;
  }

  /** {@link #requiredArray} whose elements must all be JSON objects; any other element is an error {@code field/i}. */
  public List<JsonObject> requiredObjects(String field, int max, Text expected) {
    JsonArray array = requiredArray(field, max, expected);
    if (array == null) {
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject object) {
        out.add(object);
      } else {
        error(field + "/" + i, "type", Text.of("应为 JSON 对象", "Must be a JSON object"));
      }
    }
    return out;
  }

  public Boolean optionalBoolean(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      error(field, "type", Text.of("应为 true 或 false", "Must be true or false"));
      return null;
    }
    return (Boolean) value;
  }

  public <E extends Enum<E>> List<E> enumList(String field, Class<E> type, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "required", Text.of("必填", "Required"));
      }
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      error(field, "type", Text.of("应为数组", "Must be an array"));
      return List.of();
    }
    List<E> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      E e = enumValue(array.getValue(i), type);
      if (e == null) {
        error(field + "/" + i, "enum", Text.of("取值应为 " + names(type) + " 之一", "Must be one of " + names(type)));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  public List<String> stringList(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getValue(i) instanceof String s && !s.isBlank()) {
          out.add(s);
        } else {
          error(field + "/" + i, "type", Text.of("应为非空字符串", "Must be a non-blank string"));
        }
      }
    } else {
      error(field, "type", Text.of("应为字符串数组", "Must be an array of strings"));
    }
    return out;
  }

  /** Records a domain-level problem with a field found by the caller. */
  public void error(String field, String code, Text message) {
    errors.add(new FieldError(field, code, message));
  }

  public void validate() {
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
  }

  private boolean hasError(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  private static <E extends Enum<E>> E enumValue(Object value, Class<E> type) {
    return value instanceof String s
        ? Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst().orElse(null)
        : null;
  }

  private static String names(Class<? extends Enum<?>> type) {
    return Arrays.toString(type.getEnumConstants());
  }
}
