package cn.citygrid.mobile.platform;

import cn.citygrid.mobile.config.AppConfig;
import com.gluonhq.attach.lifecycle.LifecycleEvent;
import com.gluonhq.attach.lifecycle.LifecycleService;
import com.gluonhq.attach.pictures.PicturesService;
import com.gluonhq.attach.position.PositionService;
import com.gluonhq.attach.storage.StorageService;
import com.gluonhq.attach.util.Platform;
import java.io.File;
import java.nio.file.Path;

/**
 * The phone's services the app uses: private storage, position and camera through Gluon Attach where it has an
 * implementation; on the desktop, stand-ins behind the same interfaces, and only there: a configured position
 * and a picture picked from a file. Attach storage on the desktop is {@code ~/.gluon}, shared by every Gluon
 * desktop app, so the app keeps to a {@code citygrid} folder inside it.
 */
public record DeviceServices(Path dataDir, Locator locator, Camera camera) {

    public static DeviceServices forPlatform(AppConfig config) {
        Path dir = config.dataDir() != null ? config.dataDir()
                : StorageService.create().flatMap(StorageService::getPrivateStorage).map(File::toPath)
                .orElse(Path.of(System.getProperty("user.home"), ".gluon")).resolve("citygrid");
        if (Platform.isDesktop()) {
            return new DeviceServices(dir, Locator.fixed(config.position()), new FileChooserCamera());
        }
        Locator locator = PositionService.create().<Locator>map(AttachLocator::new).orElse(Locator.fixed(config.position()));
        Camera camera = PicturesService.create().<Camera>map(AttachCamera::new).orElseGet(FileChooserCamera::new);
        return new DeviceServices(dir, locator, camera);
    }

    /** Runs {@code onResume} whenever the app comes back to the foreground (a phone's lifecycle; no-op elsewhere). */
    public static void onResume(Runnable onResume) {
        LifecycleService.create().ifPresent(s -> s.addListener(LifecycleEvent.RESUME, onResume));
    }
}
