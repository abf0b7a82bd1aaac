package cn.citygrid.mobile.platform;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.stage.Window;

/**
 * Takes a photo (also how QR codes are scanned: a picture decoded with ZXing). Called on the FX thread;
 * {@code result} is called on the FX thread with the image file, or empty when the user cancelled.
 */
public interface Camera {
    void takePhoto(Window owner, Consumer<Optional<Path>> result);
}
