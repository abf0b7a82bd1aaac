package cn.citygrid.sync.protocol.checkpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP tlog-checkpoint body: {@code origin\nsize\nbase64(root)\n} followed by optional extension lines. The
 * CityGrid log writes exactly one extension line, {@code timestamp <unix milliseconds>}, the time the log
 * signed the checkpoint; every leaf in the tree was received at or before it.
 *
 * <p>Invariants: origin non-empty without control characters; size >= 0; root 32 bytes; each extension line
 * non-empty without control characters; at most one {@code timestamp} line. Immutable.
 */
public record Checkpoint(String origin, long size, byte[] root, List<String> extensions) {
    private static final String TIMESTAMP = "timestamp ";

    public Checkpoint {
        requireLine("origin", origin);
        if (size < 0) {
            throw new NoteException("checkpoint size: got " + size + ", want >= 0");
        }
        if (root == null || root.length != 32) {
            throw new NoteException("checkpoint root: got " + (root == null ? 0 : root.length) + " bytes, want 32");
        }
        root = root.clone();
        extensions = List.copyOf(extensions);
        extensions.forEach(e -> requireLine("extension line", e));
        if (extensions.stream().filter(e -> e.startsWith(TIMESTAMP)).count() > 1) {
            throw new NoteException("checkpoint: got several timestamp lines, want at most one");
        }
    }

    /** A checkpoint carrying the signing time as its one extension line. */
    public static Checkpoint of(String origin, long size, byte[] root, Instant signedAt) {
        return new Checkpoint(origin, size, root, List.of(TIMESTAMP + signedAt.toEpochMilli()));
    }

    /** The note text: every line ends with a newline. */
    public String body() {
        StringBuilder sb = new StringBuilder();
        sb.append(origin).append('\n').append(size).append('\n');
        sb.append(Base64.getEncoder().encodeToString(root)).append('\n');
        extensions.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }

    /**
     * Parses a note text as a checkpoint body.
     *
     * @throws NoteException naming the offending line
     */
    public static Checkpoint parse(String body) {
        if (!body.endsWith("\n")) {
            throw new NoteException("checkpoint body: got text without a final newline, want newline-terminated lines");
        }
        List<String> lines = new ArrayList<>(Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1)));
        if (lines.size() < 3) {
            throw new NoteException("checkpoint body: got " + lines.size() + " lines, want at least 3");
        }
        String sizeText = lines.get(1);
        if (!sizeText.matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteException("checkpoint size line: got '" + sizeText + "', want a decimal without leading zeros");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new NoteException("checkpoint root line: got '" + lines.get(2) + "', want base64");
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines.get(2))) {
            throw new NoteException("checkpoint root line: got non-canonical base64 '" + lines.get(2) + "'");
        }
        try {
            return new Checkpoint(lines.get(0), Long.parseLong(sizeText), root, lines.subList(3, lines.size()));
        } catch (NumberFormatException e) {
            throw new NoteException("checkpoint size line: got '" + sizeText + "', want at most 2^63-1");
        }
    }

    /** The signing time from the {@code timestamp} extension line, if present. */
    public Optional<Instant> timestamp() {
        for (String e : extensions) {
            if (e.startsWith(TIMESTAMP)) {
                String ms = e.substring(TIMESTAMP.length());
                if (!ms.matches("0|[1-9][0-9]{0,17}")) {
                    throw new NoteException("checkpoint timestamp line: got '" + e + "', want 'timestamp <unix ms>'");
                }
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(ms)));
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.body().equals(body());
    }

    @Override
    public int hashCode() {
        return body().hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace("\n", "⏎") + "]";
    }

    private static void requireLine(String what, String line) {
        if (line == null || line.isEmpty()) {
            throw new NoteException(what + ": got an empty line, want non-empty");
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20 || line.charAt(i) == 0x7f) {
                throw new NoteException(what + ": got control character U+" + String.format("%04X", (int) line.charAt(i))
                        + " at " + i + ", want none");
            }
        }
    }
}
