package cn.citygrid.geo.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.GeoException;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class TileTypesTest {
  @Test
  void lonLatBounds_matchPostgisTileEnvelopeTransformedTo4490() {
    // SELECT ST_AsText(ST_Transform(ST_TileEnvelope(14, 13382, 7141), 4490)) on PostGIS 3.3
    Envelope e = new TileCoord(14, 13382, 7141).lonLatBounds(0);
    assertThat(e.getMinX()).isCloseTo(114.0380859375, within(1e-12));
    assertThat(e.getMaxX()).isCloseTo(114.06005859375001, within(1e-12));
    assertThat(e.getMinY()).isCloseTo(22.47195450773923, within(1e-12));
    assertThat(e.getMaxY()).isCloseTo(22.492257220085175, within(1e-12));
    // ... and with margin => 0.0625
    Envelope m = new TileCoord(14, 13382, 7141).lonLatBounds(TileSql.MARGIN);
    assertThat(m.getMinX()).isCloseTo(114.03671264648438, within(1e-12));
    assertThat(m.getMaxY()).isCloseTo(22.493526040737194, within(1e-12));
  }

  @Test
  void containing_isTheTileWhoseBoundsHoldThePoint() {
    TileCoord t = TileCoord.containing(114.0596, 22.5430, 15);
    assertThat(t.lonLatBounds(0).contains(114.0596, 22.5430)).isTrue();
  }

  @Test
  void parse_rejectsTilesOutsideTheScheme() {
    assertThat(TileCoord.parse("3", "7", "0")).isEqualTo(new TileCoord(3, 7, 0));
    for (String[] bad : new String[][] {{"3", "8", "0"}, {"25", "0", "0"}, {"-1", "0", "0"}, {"a", "0", "0"}}) {
      assertThatThrownBy(() -> TileCoord.parse(bad[0], bad[1], bad[2]))
          .isInstanceOfSatisfying(GeoException.class, e -> assertThat(e.code()).isEqualTo("tile-out-of-range"));
    }
  }

  @Test
  void scopeKey_isCanonicalAndPatternsArePrefixes() {
    assertThat(TileScope.of("440305", "440304").key()).isEqualTo(TileScope.of("440304", "440305").key());
    assertThat(TileScope.of("44").key()).isNotEqualTo(TileScope.ALL.key());
    assertThat(TileScope.of().key()).isEqualTo("[]");
    assertThat(TileScope.of("4403").likePatterns()).containsExactly("4403%");
    assertThat(TileScope.ALL.likePatterns()).containsExactly("%");
  }

  @Test
  void scope_rejectsAnythingButDigits() {
    assertThatThrownBy(() -> TileScope.of("44%")).isInstanceOf(GeoException.class);
    assertThatThrownBy(() -> TileScope.of("44_03")).isInstanceOf(GeoException.class);
  }

  @Test
  void ifNoneMatch_comparesWeaklyAndAcceptsListsAndStar() {
    assertThat(HttpCaching.matches("\"a\"", "\"a\"")).isTrue();
    assertThat(HttpCaching.matches("W/\"a\"", "\"a\"")).isTrue();
    assertThat(HttpCaching.matches("\"b\", \"a\"", "\"a\"")).isTrue();
    assertThat(HttpCaching.matches("*", "\"a\"")).isTrue();
    assertThat(HttpCaching.matches("\"b\"", "\"a\"")).isFalse();
    assertThat(HttpCaching.matches(null, "\"a\"")).isFalse();
  }

  @Test
  void acceptEncoding_gzipUnlessRefused() {
    assertThat(HttpCaching.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(HttpCaching.acceptsGzip("br;q=1.0, *;q=0.5")).isTrue();
    assertThat(HttpCaching.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(HttpCaching.acceptsGzip("identity")).isFalse();
    assertThat(HttpCaching.acceptsGzip(null)).isFalse();
  }

  @Test
  void tileSql_drawsOnlyLayersOfTheZoomAndConcatenatesThem() {
    var layers = LayerRegistry.withDefaults().layers();
    assertThat(TileSql.forTile(layers, 5).orElseThrow()).contains("'regions'").doesNotContain("'grids'");
    assertThat(TileSql.forTile(layers, 16).orElseThrow()).contains("'regions'", "'grids'", "'buildings'", "'houses'");
    assertThat(TileSql.forTile(LayerRegistry.withDefaults().resolve("buildings"), 14)).isEmpty();
  }

  @Test
  void tileConfig_fromJsonKeepsDefaultsForMissingKeysAndValidates() {
    TileConfig c = TileConfig.from(new io.vertx.core.json.JsonObject().put("maxAgeSeconds", 30).put("publicUrl", "https://g.example/api/v1/"));
    assertThat(c.basePath()).isEqualTo("/tiles");
    assertThat(c.publicUrl()).isEqualTo("https://g.example/api/v1");
    assertThat(c.cacheControl()).isEqualTo("private, max-age=30");
    assertThat(TileConfig.defaults().cacheControl()).isEqualTo("private, no-cache");
    assertThatThrownBy(() -> TileConfig.from(new io.vertx.core.json.JsonObject().put("basePath", "tiles/")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
