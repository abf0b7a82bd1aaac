package cn.citygrid.backend.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.List;
import java.util.function.Function;

/** Server-side paging from {@code ?page=1&size=20} (page from 1, size 1..200), and path ids. */
public record Paging(int page, int size) {
  public static Paging of(RoutingContext ctx) {
    int page = intParam(ctx, "page", 1, 1, 1_000_000);
    int size = intParam(ctx, "size", 20, 1, 200);
    return new Paging(page, size);
  }

  public int offset() {
    return (page - 1) * size;
  }

  public JsonObject toJson(long total, JsonArray items) {
    return new JsonObject().put("page", page).put("size", size).put("total", total).put("items", items);
  }

  /**
   * A page from rows that each carry the whole count in a {@code total} column
   * ({@code count(*) OVER ()}); an empty page past the end counts 0.
   */
  public JsonObject toJson(RowSet<Row> rows, Function<Row, Object> item) {
    JsonArray items = new JsonArray();
    long total = 0;
    for (Row r : rows) {
      total = r.getLong("total");
      items.add(item.apply(r));
    }
    return toJson(total, items);
  }

  /** A page without a count: whether another page follows (the query asked for one row more than {@link #size}). */
  public JsonObject toJson(JsonArray items, boolean more) {
    return new JsonObject().put("page", page).put("size", size).put("more", more).put("items", items);
  }

  public static long pathId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DomainException.notFound(Text.of("编号不存在：" + raw, "No such id: " + raw));
  }

  /** An integer query parameter within [min, max], or {@code fallback} when absent; anything else is a 400. */
  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(values.get(0));
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DomainException.validation(List.of(new DomainException.FieldError(name, "range",
        Text.of("应为 " + min + " 到 " + max + " 之间的整数", "Must be an integer from " + min + " to " + max))));
  }
}
