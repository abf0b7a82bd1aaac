package cn.citygrid.backend.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decodes served vector tiles with the npm packages @mapbox/vector-tile + pbf (src/test/node,
 * installed by the build) through the machine's {@code node}, back to GeoJSON in lon/lat by the
 * decoder's own projection. A missing node or install, or a tile it cannot read, fails the test.
 */
public final class TileDecoder {
  private TileDecoder() {}

  /** One decoded tile: layer name → its GeoJSON features. */
  public record Decoded(JsonObject layers) {
    public List<JsonObject> features(String layer) {
      JsonObject l = layers.getJsonObject(layer);
      List<JsonObject> out = new ArrayList<>();
      JsonArray f = l == null ? new JsonArray() : l.getJsonArray("features");
      f.forEach(o -> out.add((JsonObject) o));
      return out;
    }

    public int extent(String layer) {
      return layers.getJsonObject(layer).getInteger("extent");
    }
  }

  /** {@code mvt} is the uncompressed tile z/x/y. */
  public static Decoded decode(byte[] mvt, int z, int x, int y) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("backend.testNode", "src/test/node")).toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new AssertionError("no node_modules in " + dir + ": run `npm ci` there (the Maven build does)");
    }
    Path file = Files.createTempFile("tile", ".mvt");
    try {
      Files.write(file, mvt);
      List<String> command = List.of("node", dir.resolve("tile-geojson.mjs").toString(), file.toString(),
          String.valueOf(z), String.valueOf(x), String.valueOf(y));
      Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("node tile-geojson.mjs did not finish in 60 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("the decoder refused the tile: " + new String(err.join(), StandardCharsets.UTF_8));
      }
      return new Decoded(new JsonObject(new String(out.join(), StandardCharsets.UTF_8)).getJsonObject(file.toString()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The body of a {@code Content-Encoding: gzip} answer. */
  public static byte[] gunzip(byte[] gzip) throws IOException {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
