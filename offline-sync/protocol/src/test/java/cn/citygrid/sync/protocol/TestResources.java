package cn.citygrid.sync.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads vector files from {@code src/test/resources/vectors}. */
public final class TestResources {
    private TestResources() {
    }

    public static String text(String name) {
        try (InputStream in = TestResources.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource vectors/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String name) {
        try {
            return Path.of(TestResources.class.getResource("/vectors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code key = value} lines of a vector file section (comments after '#' and trailing "(…)" notes dropped).
     * Sections start at lines beginning with {@code sectionMarker}; pass "" for the whole file.
     */
    public static Map<String, String> keyValues(String name, String sectionMarker, int sectionIndex) {
        Map<String, String> out = new LinkedHashMap<>();
        int section = sectionMarker.isEmpty() ? 0 : -1;
        for (String raw : text(name).split("\n")) {
            if (!sectionMarker.isEmpty() && raw.startsWith(sectionMarker)) {
                section++;
                continue;
            }
            String line = raw.replaceAll("#.*$", "").trim();
            int eq = line.indexOf('=');
            if (section == sectionIndex && eq > 0) {
                String value = line.substring(eq + 1).trim().replaceAll("\\s+\\(.*$", "");
                out.put(line.substring(0, eq).trim(), value);
            }
        }
        return out;
    }
}
