package cn.citygrid.mobile.testing;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real backend for the app's UI tests: a test database of its own on the shared PostgreSQL (seeded with a small
 * demo city and its demo accounts), the application on a fixed port with a fixed object folder, so that
 * {@link #stop()} takes the phone offline and {@link #start()} brings the same platform back: same database, same
 * keys, same stored attachments, same port.
 */
public final class RealPlatform implements AutoCloseable {
    public static final String PASSWORD = "Demo@2026";
    /**
     * The backend shares this JVM with software-rendered JavaFX and the phone; cold class loading there took event
     * loops to 230–330 ms (Netty channel and HTTP/2 compressor set-up), so the blocked-loop check fails the test from
     * 1 s here instead of the backend ITs' 200 ms.
     */
    static final long MAX_EVENT_LOOP_MS = 1_000;
    private final TestDatabase db;
    private final Map<ConfigKey, String> config;
    private final int port;
    private TestApp app;

    public RealPlatform(Class<?> owner, Path dir, int persons) throws Exception {
        this.db = TestDatabase.create(owner);
        TestApp.seedDemo(db, persons);
        this.port = PhoneFixture.freePort();
        this.config = Map.of(ConfigKey.HTTP_PORT, Integer.toString(port),
                ConfigKey.OBJECTS_DIR, Files.createDirectories(dir.resolve("objects")).toString());
        start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts (or restarts) the backend on the same database, port and objects folder. */
    public void start() throws Exception {
        app = TestApp.start(db, config, java.time.Clock.systemUTC(), MAX_EVENT_LOOP_MS);
    }

    /** Stops the backend: the phone's calls are refused until {@link #start()}. */
    public void stop() throws Exception {
        TestApp running = app;
        app = null;
        running.close();
    }

    public TestApp app() {
        return app;
    }

    public Http http() {
        return app.http();
    }

    /** The ledger's log key, as the app pins it. */
    public NoteVerifier logKey() {
        JsonObject key = http().get("/api/v1/ledger/public-key", null).json();
        return new NoteVerifier(key.getString("keyName"), Sm2PublicKey.fromPem(key.getString("publicKey")));
    }

    /** The place-code keys, as the app pins them. */
    public List<Sm2PublicKey> placeCodeKeys() {
        List<Sm2PublicKey> keys = new ArrayList<>();
        http().get("/api/v1/placecodes/public-keys", null).jsonArray()
                .forEach(k -> keys.add(Sm2PublicKey.fromPem(((JsonObject) k).getString("publicKey"))));
        return keys;
    }

    public String login(String username) {
        return app.login(username, PASSWORD);
    }

    /** Rows of a query on the test database, each as its columns' text. */
    public List<List<String>> rows(String sql, Object... args) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    public String scalar(String sql, Object... args) throws Exception {
        List<List<String>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** The scope node of the demo grid worker ("worker"): the grid their phone works in. */
    public String workerGrid() throws Exception {
        return scalar("SELECT s.node_code FROM auth.account_scope s JOIN auth.account a ON a.id = s.account_id "
                + "WHERE a.username = 'worker'");
    }

    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            db.close();
        }
    }
}
