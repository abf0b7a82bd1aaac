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
 * decoder's own projection, and validates served styles with MapLibre's style-spec validator. A missing
 * node or install, or a tile it cannot read, fails the test.
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
    Path file = Files.createTempFile("tile", ".mvt");
    try {
      Files.write(file, mvt);
      String out = node("tile-geojson.mjs", file.toString(), String.valueOf(z), String.valueOf(x), String.valueOf(y));
      return new Decoded(new JsonObject(out).getJsonObject(file.toString()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** What MapLibre's own style-spec validator ({@code validateStyleMin}) finds wrong in {@code style}; empty when valid. */
  public static List<String> styleErrors(JsonObject style) throws IOException, InterruptedException {
    Path file = Files.createTempFile("style", ".json");
    try {
      Files.writeString(file, style.encode());
      List<String> errors = new ArrayList<>();
      new JsonArray(node("validate-style.mjs", file.toString())).forEach(e -> errors.add((String) e));
      return errors;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Runs {@code script} of src/test/node with the machine's node; its standard output. */
  private static String node(String script, String... args) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("backend.testNode", "src/test/node")).toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new AssertionError("no node_modules in " + dir + ": run `npm ci` there (the Maven build does)");
    }
    List<String> command = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node " + script + " did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("node " + script + " refused its input: " + new String(err.join(), StandardCharsets.UTF_8));
    }
    return new String(out.join(), StandardCharsets.UTF_8);
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
