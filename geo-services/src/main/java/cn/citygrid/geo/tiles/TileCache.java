package cn.citygrid.geo.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Encoded tiles in memory, bounded by bytes (Caffeine, weighed by compressed size), keyed by
 * layer, scope and tile so scopes never share an entry. Entries stay until evicted for space or
 * invalidated by a change: {@link #invalidate(Geometry)} drops, at every zoom, exactly the tiles
 * whose buffered bounds the change touches (the same bounds the tile SQL selects with).
 *
 * <p>A tile drawn from a snapshot older than a concurrent invalidation must not be cached: the
 * {@link #generation()} read before drawing is passed to {@link #put}, which drops the entry
 * again if any invalidation ran in between.
 */
public final class TileCache {
  /** One cached tile. {@code scope} is {@link TileScope#key()}. */
  public record Key(String layer, String scope, int z, int x, int y) {
    TileCoord coord() {
      return new TileCoord(z, x, y);
    }
  }

  private static final GeometryFactory LON_LAT = new GeometryFactory();

  private final Cache<Key, EncodedTile> cache;
  private final AtomicLong generation = new AtomicLong();
  private final boolean disabled;

  /** {@code maxBytes} 0 caches nothing at all (Caffeine alone may keep an entry until its next maintenance). */
  public TileCache(long maxBytes) {
    this.disabled = maxBytes == 0;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, EncodedTile t) -> t.weight() + k.layer().length() + k.scope().length() + 48)
        .executor(Runnable::run) // evict on the caller's thread: no background threads to reason about
        .recordStats()
        .build();
  }

  public EncodedTile get(Key key) {
    return cache.getIfPresent(key);
  }

  /** Read before drawing a tile; see {@link #put}. */
  public long generation() {
    return generation.get();
  }

  /** Caches {@code tile} unless an invalidation ran since {@code generationBeforeDrawing}. */
  public void put(Key key, EncodedTile tile, long generationBeforeDrawing) {
    if (disabled) {
      return;
    }
    cache.put(key, tile);
    // Checked after the put: an invalidation that raced the put either saw the entry and removed
    // it, or bumped the generation before this check, and then we remove it here.
    if (generation.get() != generationBeforeDrawing) {
      cache.invalidate(key);
    }
  }

  /** Drops every cached tile whose buffered bounds intersect {@code changed} (lon/lat, CGCS2000). Returns how many. */
  public int invalidate(Geometry changed) {
    return invalidate(changed, Integer.MAX_VALUE);
  }

  /** As {@link #invalidate(Geometry)}, for tiles of zoom {@code maxZoom} and below only. */
  public int invalidate(Geometry changed, int maxZoom) {
    if (changed == null || changed.isEmpty()) {
      return 0;
    }
    generation.incrementAndGet();
    Envelope box = changed.getEnvelopeInternal();
    PreparedGeometry shape = changed.isRectangle() ? null : PreparedGeometryFactory.prepare(changed);
    int dropped = 0;
    for (Key key : cache.asMap().keySet()) {
      if (key.z() > maxZoom) {
        continue;
      }
      Envelope tile = key.coord().lonLatBounds(TileSql.MARGIN);
      if (tile.intersects(box) && (shape == null || shape.intersects(LON_LAT.toGeometry(tile)))) {
        cache.invalidate(key);
        dropped++;
      }
    }
    return dropped;
  }

  /** Drops every cached tile whose buffered bounds intersect the lon/lat box. Returns how many. */
  public int invalidate(Envelope changedBox) {
    return invalidate(LON_LAT.toGeometry(changedBox));
  }

  /** As {@link #invalidate(Envelope)}, for tiles of zoom {@code maxZoom} and below only. */
  public int invalidate(Envelope changedBox, int maxZoom) {
    return invalidate(LON_LAT.toGeometry(changedBox), maxZoom);
  }

  /** Drops everything (e.g. after missing notifications while disconnected). */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  public long weightedBytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  public com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
    return cache.stats();
  }
}
