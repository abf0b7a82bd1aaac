package cn.citygrid.geo.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of src/test/js with the machine's {@code node}, so our output is checked by code
 * nobody here wrote. A missing node, a missing npm install or a failing script fails the test
 * (never skips it).
 */
public final class Node {
  private Node() {}

  /** The folder of the test scripts and their node_modules ({@code geo.testJs}, set by the pom). */
  public static Path jsDir() {
    String dir = System.getProperty("geo.testJs", "src/test/js");
    Path path = Path.of(dir).toAbsolutePath();
    if (!Files.isDirectory(path.resolve("node_modules"))) {
      throw new AssertionError("no node_modules in " + path + ": run `npm ci` there (the Maven build does)");
    }
    return path;
  }

  /** Runs {@code node script args...} with {@code stdin}, returns stdout; fails on a non-zero exit. */
  public static String run(String script, String stdin, String... args) throws IOException, InterruptedException {
    Path dir = jsDir();
    List<String> command = new java.util.ArrayList<>(List.of("node", dir.resolve(script).toString()));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start node (is Node.js installed?): " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node " + script + " did not finish in 60 s");
    }
    String stdout = new String(out.join(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("node " + script + " exited " + p.exitValue() + ": " + new String(err.join(), StandardCharsets.UTF_8));
    }
    return stdout;
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
