package cn.citygrid.backend.governance;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 of a file, streamed: which exact file a batch came from. */
final class FileDigest {
  private FileDigest() {}

  static String sm3(Path file) throws IOException {
    SM3Digest digest = new SM3Digest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return Hex.encode(out);
  }
}
