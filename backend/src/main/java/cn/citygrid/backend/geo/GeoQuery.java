package cn.citygrid.backend.geo;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.DomainException.FieldError;
import cn.citygrid.backend.http.Text;
import cn.citygrid.geo.crs.Crs;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of the GIS routes, read one by one; every problem is collected and
 * {@link #validate()} throws one validation problem naming all of them. {@code crs} is parsed by
 * geo-services ({@code crs-unknown} names the accepted systems).
 */
final class GeoQuery {
  private final RoutingContext ctx;
  private final List<FieldError> errors = new ArrayList<>();

  GeoQuery(RoutingContext ctx) {
    this.ctx = ctx;
  }

  Crs crs(String name) {
    return Crs.parse(ctx.queryParams().get(name));
  }

  double lon() {
    return number("lon", -180, 180);
  }

  double lat() {
    return number("lat", -90, 90);
  }

  double number(String name, double min, double max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      errors.add(new FieldError(name, "required", Text.of("必填", "Required")));
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "range", Text.of("应为 " + min + " 到 " + max + " 之间的数", "Must be a number from " + min + " to " + max)));
    return Double.NaN;
  }

  double optionalNumber(String name, double fallback, double min, double max) {
    return ctx.queryParams().contains(name) ? number(name, min, max) : fallback;
  }

  int integer(String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "range", Text.of("应为 " + min + " 到 " + max + " 之间的整数", "Must be an integer from " + min + " to " + max)));
    return fallback;
  }

  boolean flag(String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (!raw.equals("true")) {
      errors.add(new FieldError(name, "type", Text.of("应为 true 或 false", "Must be true or false")));
    }
    return true;
  }

  void validate() {
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
  }
}
