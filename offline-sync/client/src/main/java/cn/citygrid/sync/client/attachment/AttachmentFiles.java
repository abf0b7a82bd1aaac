package cn.citygrid.sync.client.attachment;

import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Attachment bytes on the device: copied into the store's folder under their SM3 (content-addressed, so a file is
 * kept once however many records name it), flushed to disk before the record that names it commits.
 */
public final class AttachmentFiles {
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"), Map.entry("gif", "image/gif"),
            Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("amr", "audio/amr"), Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"),
            Map.entry("pdf", "application/pdf"), Map.entry("svg", "image/svg+xml"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"));

    private AttachmentFiles() {
    }

    /** An attachment as the record names it, and the file name of its bytes inside the store's folder. */
    public record Stored(AttachmentRef ref, String file) {}

    /**
     * Copies {@code source} into {@code dir} as {@code <sm3>} (hashing while copying) and fsyncs it.
     * Idempotent: the same bytes land on the same file.
     */
    public static Stored store(Path dir, Path source, String name, String mediaType) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
            SM3Digest digest = new SM3Digest();
            long size = copyHashing(source, tmp, digest);
            byte[] hash = new byte[32];
            digest.doFinal(hash, 0);
            String sm3 = Hex.encode(hash);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(sm3), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(new AttachmentRef(name, mediaType, size, sm3), sm3);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment " + source + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** SM3 (lowercase hex) of a file's bytes, streamed. */
    public static String sm3(Path file) {
        SM3Digest digest = new SM3Digest();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        return Hex.encode(hash);
    }

    /** A media type from the file name's extension; {@code application/octet-stream} when unknown. */
    public static String mediaTypeOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static long copyHashing(Path source, Path target, SM3Digest digest) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
                out.write(buf, 0, n);
                size += n;
            }
        }
        return size;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is removed by AttachmentStore.removeOrphans at the next open
            }
        }
    }
}
