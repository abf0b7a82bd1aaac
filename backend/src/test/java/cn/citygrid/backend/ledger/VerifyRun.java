package cn.citygrid.backend.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the offline verifier as {@code ./grid verify} does: a separate JVM, a bundle file, an exit code. */
record VerifyRun(int exit, String output) {
  static VerifyRun run(String bundleJson) throws Exception {
    Path file = Files.createTempFile("bundle", ".json");
    try {
      Files.writeString(file, bundleJson);
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "cn.citygrid.sync.protocol.verify.VerifyMain", file.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("verifier did not finish");
      }
      return new VerifyRun(p.exitValue(), out);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
