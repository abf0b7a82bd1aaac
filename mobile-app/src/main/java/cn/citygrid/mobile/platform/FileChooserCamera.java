package cn.citygrid.mobile.platform;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The desktop stand-in for the camera: a picture picked from a file (Attach pictures has no desktop implementation). */
final class FileChooserCamera implements Camera {
    @Override
    public void takePhoto(Window owner, Consumer<Optional<Path>> result) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.jpg", "*.jpeg", "*.png"));
        File f = chooser.showOpenDialog(owner);
        result.accept(Optional.ofNullable(f).map(File::toPath));
    }
}
