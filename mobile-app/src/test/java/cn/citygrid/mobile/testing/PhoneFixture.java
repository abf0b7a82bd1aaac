package cn.citygrid.mobile.testing;

import cn.citygrid.mobile.config.AppConfig;
import cn.citygrid.mobile.config.GeoPoint;
import cn.citygrid.mobile.platform.DeviceServices;
import cn.citygrid.mobile.platform.Locator;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A phone for UI tests: its private folder, a scripted camera, a fixed GPS position (by default near the civic centre). */
public final class PhoneFixture {
    public static final GeoPoint HERE = new GeoPoint(114.0585, 22.5436, 6);
    public final Path dir;
    public final ScriptedCamera camera = new ScriptedCamera();
    public final DeviceServices device;
    public final GeoPoint here;

    public PhoneFixture(Path dir) {
        this(dir, HERE);
    }

    public PhoneFixture(Path dir, GeoPoint here) {
        this.dir = dir;
        this.here = here;
        this.device = new DeviceServices(dir.resolve("phone"), Locator.fixed(here), camera);
    }

    /** Quick automatic sync and approval polling, so tests wait briefly. */
    public AppConfig config(URI server, NoteVerifier logKey, List<Sm2PublicKey> placeCodeKeys) {
        return new AppConfig(server, dir.resolve("phone"), logKey, placeCodeKeys, "zh", here, Duration.ofMillis(300),
                Duration.ofMillis(300));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
