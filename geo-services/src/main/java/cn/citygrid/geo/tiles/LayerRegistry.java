package cn.citygrid.geo.tiles;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The layers tiles can be drawn from, in drawing order. {@link #COMPOSITE} names all of them in
 * one tile (one SQL query, one request per tile for a map showing everything). New layers
 * (events, check-ins, quality findings) are added with {@link #register(TileLayer)} as SQL only.
 */
public final class LayerRegistry {
  /** The layer name meaning "every registered layer". */
  public static final String COMPOSITE = "city";
  private static final List<String> RESERVED = List.of(COMPOSITE, "style");

  private final Map<String, TileLayer> byName = new ConcurrentHashMap<>();
  private final List<TileLayer> ordered = new CopyOnWriteArrayList<>();

  /** A registry with the built-in layers regions, grids, buildings and houses. */
  public static LayerRegistry withDefaults() {
    LayerRegistry registry = new LayerRegistry();
    DefaultLayers.all().forEach(registry::register);
    return registry;
  }

  public LayerRegistry register(TileLayer layer) {
    if (RESERVED.contains(layer.name())) {
      throw new IllegalArgumentException("layer name " + layer.name() + " is reserved");
    }
    if (byName.putIfAbsent(layer.name(), layer) != null) {
      throw new IllegalArgumentException("layer " + layer.name() + " is already registered");
    }
    ordered.add(layer);
    return this;
  }

  /** Puts {@code layer} in the place of the registered layer of its name (a server drawing more of it). */
  public LayerRegistry replace(TileLayer layer) {
    TileLayer old = byName.replace(layer.name(), layer);
    if (old == null) {
      throw new IllegalArgumentException("no layer " + layer.name() + " to replace");
    }
    ordered.set(ordered.indexOf(old), layer);
    return this;
  }

  public List<TileLayer> layers() {
    return List.copyOf(ordered);
  }

  /** The layers a tile request names: one layer, or all for {@link #COMPOSITE}; NOT_FOUND {@code layer-unknown} otherwise. */
  public List<TileLayer> resolve(String name) {
    if (COMPOSITE.equals(name)) {
      return layers();
    }
    TileLayer layer = byName.get(name);
    if (layer == null) {
      List<String> known = new ArrayList<>(byName.keySet());
      known.add(COMPOSITE);
      throw GeoException.notFound("layer-unknown", "没有图层：" + name, "no such tile layer: " + name,
          new JsonObject().put("layer", name).put("layers", known));
    }
    return List.of(layer);
  }
}
