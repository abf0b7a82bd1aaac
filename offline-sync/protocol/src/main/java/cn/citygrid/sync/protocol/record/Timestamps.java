package cn.citygrid.sync.protocol.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The protocol's one timestamp spelling: ISO-8601 UTC with exactly three fraction digits and {@code Z},
 * e.g. {@code 2026-11-27T04:45:07.123Z}. Instants are truncated to milliseconds when formatted.
 */
public final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Canonical text of {@code t} (truncated to milliseconds). Years outside 0000..9999 are rejected. */
    public static String format(Instant t) {
        String s = FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
        if (!SHAPE.matcher(s).matches()) {
            throw new IllegalArgumentException("got instant " + t + ", want a year in 0000..9999");
        }
        return s;
    }

    /**
     * Parses canonical text.
     *
     * @throws IllegalArgumentException "got X, want …" if the text is not exactly the canonical shape or not a
     *                                  real date-time
     */
    public static Instant parse(String s) {
        if (!SHAPE.matcher(s).matches()) {
            throw new IllegalArgumentException("got '" + s + "', want UTC time like 2026-11-27T04:45:07.123Z");
        }
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("got '" + s + "', want a real date-time", e);
        }
    }
}
