package cn.citygrid.geo.tiles;

import java.util.List;
import java.util.Optional;

/**
 * Builds the one query that draws a tile: the shared envelope/scope row {@code q}, then one
 * {@code ST_AsMVT} per layer drawn at this zoom, concatenated (an MVT is a list of layers, so
 * concatenated layer encodings are a valid tile). Parameters: $1 z, $2 x, $3 y, $4 scope LIKE
 * patterns, $5 scope prefixes.
 */
final class TileSql {
  /** Tile extent and buffer of every layer; the buffer as a fraction of the tile is the envelope margin. */
  static final int EXTENT = 4096;
  static final int BUFFER = 256;
  static final double MARGIN = (double) BUFFER / EXTENT;

  private static final String HEAD = """
      WITH q AS MATERIALIZED (
        SELECT ST_TileEnvelope($1, $2, $3) AS env,
               ST_Transform(ST_TileEnvelope($1, $2, $3, margin => %s), 4490) AS env4490,
               ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AS inner4490,
               $1::integer AS z, $4::text[] AS patterns, $5::text[] AS prefixes)
      SELECT
      """.formatted(MARGIN);

  private TileSql() {}

  /** The SQL for {@code layers} at zoom {@code z}, or empty when none is drawn there. */
  static Optional<String> forTile(List<TileLayer> layers, int z) {
    StringBuilder sql = new StringBuilder(HEAD);
    int drawn = 0;
    for (TileLayer layer : layers) {
      Optional<String> select = layer.selectAt(z);
      if (select.isEmpty()) {
        continue;
      }
      if (drawn++ > 0) {
        sql.append("\n  || ");
      }
      sql.append("coalesce((SELECT ST_AsMVT(t, '").append(layer.name()).append("', ").append(EXTENT)
          .append(", 'geom') FROM (\n").append(select.get()).append(") t WHERE t.geom IS NOT NULL), ''::bytea)");
    }
    return drawn == 0 ? Optional.empty() : Optional.of(sql.append(" AS tile").toString());
  }
}
