package cn.citygrid.mobile.testing;

import cn.citygrid.mobile.platform.Camera;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.stage.Window;

/** The camera in tests: each picture taken is the next file queued by the test (none queued: cancelled). */
public final class ScriptedCamera implements Camera {
    private final ConcurrentLinkedQueue<Path> next = new ConcurrentLinkedQueue<>();

    public void willReturn(Path picture) {
        next.add(picture);
    }

    @Override
    public void takePhoto(Window owner, Consumer<Optional<Path>> result) {
        result.accept(Optional.ofNullable(next.poll()));
    }
}
