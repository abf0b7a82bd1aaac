package cn.citygrid.mobile.platform;

import com.gluonhq.attach.pictures.PicturesService;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.stage.Window;

/** The phone's camera through Gluon Attach pictures; the photo file is the one Attach wrote. */
final class AttachCamera implements Camera {
    private final PicturesService service;

    AttachCamera(PicturesService service) {
        this.service = service;
    }

    @Override
    public void takePhoto(Window owner, Consumer<Optional<Path>> result) {
        boolean taken = service.takePhoto(false).isPresent();
        result.accept(taken ? service.getImageFile().map(File::toPath) : Optional.empty());
    }
}
