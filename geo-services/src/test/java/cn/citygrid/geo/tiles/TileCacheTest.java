package cn.citygrid.geo.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.geo.tiles.TileCache.Key;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

class TileCacheTest {
  private static final GeometryFactory F = new GeometryFactory();
  private static final EncodedTile SOME = EncodedTile.encode(new byte[] {1, 2, 3});

  /** lon/lat of the point at fractional tile position (x + fx, y + fy) at zoom z. */
  static Coordinate at(int z, double x, double y) {
    double n = 1L << z;
    double lat = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))));
    return new Coordinate(x / n * 360.0 - 180.0, lat);
  }

  /** The 3 × 3 block of tiles around the z tile containing c, for two scopes. */
  static List<Key> blockAround(Coordinate c, int z) {
    TileCoord t = TileCoord.containing(c.x, c.y, z);
    List<Key> keys = new ArrayList<>();
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        keys.add(new Key("houses", "*", z, t.x() + dx, t.y() + dy));
        keys.add(new Key("city", "[440304]", z, t.x() + dx, t.y() + dy));
      }
    }
    return keys;
  }

  /** Caffeine alone, bounded at 0, keeps an entry until its next maintenance, which a concurrent put may skip. */
  @Test
  void zeroBytes_cachesNothing_evenRightAfterConcurrentPuts() throws Exception {
    TileCache cache = new TileCache(0);
    List<Key> keys = blockAround(at(16, 53500.5, 28500.5), 16);
    java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(threads.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            Key k = keys.get(i % keys.size());
            cache.put(k, SOME, cache.generation());
            if (cache.get(k) != null) {
              hits.incrementAndGet();
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
    } finally {
      threads.shutdown();
    }
    assertThat(hits.get()).isZero();
    assertThat(cache.size()).isZero();
  }

  @Test
  void invalidatePoint_dropsExactlyTheTileHoldingItAtEveryZoomInEveryScope() {
    TileCache cache = new TileCache(1 << 20);
    // 0.3 of the way into a z10 tile stays ≥ 0.2 from tile edges at z10..16 (0.3, 0.6, 0.2, 0.4, 0.8, 0.6, 0.2)
    Coordinate p = at(10, 855 + 0.3, 445 + 0.3);
    List<Key> all = new ArrayList<>();
    for (int z = 10; z <= 16; z++) {
      all.addAll(blockAround(p, z));
    }
    all.forEach(k -> cache.put(k, SOME, cache.generation()));
    int dropped = cache.invalidate(F.createPoint(p));
    assertThat(dropped).isEqualTo(7 * 2);
    for (Key k : all) {
      boolean holdsP = TileCoord.containing(p.x, p.y, k.z()).equals(k.coord());
      assertThat(cache.get(k) == null).as("%s dropped", k).isEqualTo(holdsP);
    }
  }

  @Test
  void invalidateNearAnEdge_alsoDropsTheNeighbourWhoseBufferReachesIt() {
    TileCache cache = new TileCache(1 << 20);
    Coordinate p = at(16, 53500 + 0.02, 28500 + 0.5); // 2 % into the tile: inside the west neighbour's 1/16 buffer
    List<Key> block = blockAround(p, 16);
    block.forEach(k -> cache.put(k, SOME, cache.generation()));
    cache.invalidate(F.createPoint(p));
    assertThat(block.stream().filter(k -> cache.get(k) == null).map(k -> k.x() + "/" + k.y()).distinct())
        .containsExactlyInAnyOrder("53500/28500", "53499/28500");
  }

  @Test
  void invalidateShape_keepsTilesInsideItsBoxThatItDoesNotTouch() {
    TileCache cache = new TileCache(1 << 20);
    // an L from tile (13000,7000) east to (13002,7000), then south to (13002,7002): its box covers
    // 9 tiles, the L itself (half a tile from every edge) touches 5 of them
    var path = F.createLineString(new Coordinate[] {at(14, 13000.5, 7000.5), at(14, 13002.5, 7000.5), at(14, 13002.5, 7002.5)});
    List<Key> keys = blockAround(at(14, 13001.5, 7001.5), 14);
    keys.forEach(k -> cache.put(k, SOME, cache.generation()));
    cache.invalidate(path);
    assertThat(keys.stream().filter(k -> cache.get(k) == null).map(k -> k.x() + "/" + k.y()).distinct())
        .containsExactlyInAnyOrder("13000/7000", "13001/7000", "13002/7000", "13002/7001", "13002/7002");
  }

  @Test
  void tileDrawnBeforeAnInvalidation_isNotCached() {
    TileCache cache = new TileCache(1 << 20);
    Key key = new Key("houses", "*", 16, 53500, 28500);
    long before = cache.generation();
    cache.invalidate(new Envelope(0, 1, 0, 1)); // far away, but the cache cannot know what the draw saw
    cache.put(key, SOME, before);
    assertThat(cache.get(key)).isNull();
    cache.put(key, SOME, cache.generation());
    assertThat(cache.get(key)).isEqualTo(SOME);
  }

  @Test
  void cache_staysWithinItsByteBound() {
    TileCache cache = new TileCache(64 * 1024);
    byte[] noise = new byte[4000];
    new java.util.Random(1).nextBytes(noise); // incompressible, so each entry weighs ~4 KiB
    EncodedTile big = EncodedTile.encode(noise);
    for (int i = 0; i < 100; i++) {
      cache.put(new Key("houses", "*", 16, i, 0), big, cache.generation());
    }
    assertThat(cache.weightedBytes()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(32 * 1024);
    assertThat(cache.size()).isLessThan(17);
  }

  @Test
  void encodedTile_roundTripsAndHasAStableStrongEtag() {
    byte[] mvt = "not really a tile but bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    EncodedTile t = EncodedTile.encode(mvt);
    assertThat(t.raw()).isEqualTo(mvt);
    assertThat(t.etag()).matches("\"[A-Za-z0-9_-]{22}\"").isEqualTo(EncodedTile.encode(mvt.clone()).etag());
    assertThat(EncodedTile.encode(new byte[0]).isEmpty()).isTrue();
  }
}
