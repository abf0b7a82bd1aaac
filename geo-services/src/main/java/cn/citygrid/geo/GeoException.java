package cn.citygrid.geo;

import io.vertx.core.json.JsonObject;

/**
 * A failure of a geo operation the caller can act on. The backend maps it to problem+json:
 * {@link #kind()} picks the status family, {@link #code()} is a stable machine code (e.g.
 * {@code crs-unknown}), the two messages are the detail in Chinese and English, and
 * {@link #details()} become extension members (e.g. the offending value or a GeoJSON geometry).
 */
public class GeoException extends RuntimeException {
  /** What the caller did wrong, or that a dependency failed; the backend chooses the status from it. */
  public enum Kind {
    /** the input is invalid (400) */
    INVALID,
    /** a named thing does not exist (404) */
    NOT_FOUND,
    /** the request conflicts with the current state (409) */
    CONFLICT,
    /** an upstream service (GeoServer) failed (502) */
    UPSTREAM
  }

  private final Kind kind;
  private final String code;
  private final String zhMessage;
  private final String enMessage;
  private final JsonObject details;

  public GeoException(Kind kind, String code, String zhMessage, String enMessage, JsonObject details) {
    super(code + ": " + enMessage, null, false, false);
    this.kind = kind;
    this.code = code;
    this.zhMessage = zhMessage;
    this.enMessage = enMessage;
    this.details = details == null ? new JsonObject() : details;
  }

  public static GeoException invalid(String code, String zh, String en, JsonObject details) {
    return new GeoException(Kind.INVALID, code, zh, en, details);
  }

  public static GeoException notFound(String code, String zh, String en, JsonObject details) {
    return new GeoException(Kind.NOT_FOUND, code, zh, en, details);
  }

  public static GeoException conflict(String code, String zh, String en, JsonObject details) {
    return new GeoException(Kind.CONFLICT, code, zh, en, details);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String zhMessage() {
    return zhMessage;
  }

  public String enMessage() {
    return enMessage;
  }

  public JsonObject details() {
    return details;
  }
}
