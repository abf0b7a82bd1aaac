package cn.citygrid.mobile.config;

import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the app is built and started with. {@code logKey} and {@code placeCodeKeys} are pinned: receipts and
 * QR codes are verified against them and never against keys fetched at run time (the sync feed may add
 * place-code keys: it is the authenticated channel of docs/sync-protocol.md §5). {@code dataDir} null means the
 * platform's private storage. {@code position} is the desktop stand-in for GPS (ignored where Attach position
 * works). {@code syncTick} is how often automatic sync looks at the engine's schedule.
 */
public record AppConfig(URI server, Path dataDir, NoteVerifier logKey, List<Sm2PublicKey> placeCodeKeys,
                        String language, GeoPoint position, Duration syncTick, Duration approvalPoll) {
    public static final String FILE = "citygrid-app.properties";

    public AppConfig {
        placeCodeKeys = List.copyOf(placeCodeKeys);
    }

    public AppConfig withDataDir(Path dir) {
        return new AppConfig(server, dir, logKey, placeCodeKeys, language, position, syncTick, approvalPoll);
    }

    public AppConfig withServer(URI uri) {
        return new AppConfig(uri, dataDir, logKey, placeCodeKeys, language, position, syncTick, approvalPoll);
    }

    public AppConfig withLanguage(String tag) {
        return new AppConfig(server, dataDir, logKey, placeCodeKeys, tag, position, syncTick, approvalPoll);
    }

    /**
     * Reads {@code citygrid.*} settings: a properties file named by {@code citygrid.config} (else
     * {@value #FILE} in the working folder, if present), then system properties on top.
     * Keys: {@code server}, {@code dataDir}, {@code logKey.name}, {@code logKey.pem} (a PEM file),
     * {@code placeCodeKeys} (PEM files, comma-separated), {@code language}, {@code position} (lon,lat),
     * {@code syncTickSeconds}, {@code approvalPollSeconds}.
     */
    public static AppConfig load(Properties system) {
        Properties p = new Properties();
        String file = system.getProperty("citygrid.config", Files.exists(Path.of(FILE)) ? FILE : null);
        if (file != null) {
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        system.stringPropertyNames().stream().filter(k -> k.startsWith("citygrid."))
                .forEach(k -> p.setProperty(k.substring("citygrid.".length()), system.getProperty(k)));
        return from(p);
    }

    static AppConfig from(Properties p) {
        String name = p.getProperty("logKey.name", "citygrid.local/ledger");
        String pem = p.getProperty("logKey.pem");
        if (pem == null) {
            throw new IllegalArgumentException("citygrid.logKey.pem is not set: the app needs the ledger's public key "
                    + "pinned (./grid app fetches it from the local backend)");
        }
        List<Sm2PublicKey> codeKeys = new ArrayList<>();
        for (String f : p.getProperty("placeCodeKeys", "").split(",")) {
            if (!f.isBlank()) {
                codeKeys.add(Sm2PublicKey.fromPem(read(f.trim())));
            }
        }
        return new AppConfig(URI.create(p.getProperty("server", "http://127.0.0.1:8080")),
                Optional.ofNullable(p.getProperty("dataDir")).map(Path::of).orElse(null),
                new NoteVerifier(name, Sm2PublicKey.fromPem(read(pem))), codeKeys, p.getProperty("language", "zh"),
                GeoPoint.parse(p.getProperty("position", "114.0596,22.5430")),
                Duration.ofSeconds(Long.parseLong(p.getProperty("syncTickSeconds", "5"))),
                Duration.ofSeconds(Long.parseLong(p.getProperty("approvalPollSeconds", "10"))));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }
}
