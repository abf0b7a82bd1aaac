package cn.citygrid.mobile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.GridApp;
import cn.citygrid.mobile.config.AppConfig;
import cn.citygrid.mobile.platform.DeviceServices;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real app in a TestFX stage (headless Monocle under {@code mvn verify}): start and restart it on the
 * same data folder, find nodes by id, tap, fill fields, wait for conditions with a deadline (never sleeps), and
 * save screenshots of the phone frame.
 */
public final class AppDriver extends FxRobot implements AutoCloseable {
    public static final long WAIT_SECONDS = 30;
    public static final Path SHOTS = Path.of("target", "screenshots");
    private final AppConfig config;
    private final DeviceServices device;
    private GridApp app;

    public AppDriver(AppConfig config, DeviceServices device) {
        this.config = config;
        this.device = device;
    }

    public GridApp start() {
        try {
            FxToolkit.registerPrimaryStage();
            app = (GridApp) FxToolkit.setupApplication(() -> new GridApp(config, device));
            return app;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the app did not start", e);
        }
    }

    /** Stops the app as a phone kills it (nothing saved on the way out beyond what was committed) and starts it again. */
    public GridApp restart() {
        stop();
        return start();
    }

    public void stop() {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
                app = null;
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the app did not stop", e);
        }
    }

    public GridApp app() {
        return app;
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds, or fails naming {@code what}. */
    public void waitUntil(String what, Callable<Boolean> condition) {
        waitUntil(what, condition, () -> "");
    }

    /** As {@link #waitUntil(String, Callable)}, naming {@code state} (read on the FX thread) when it times out. */
    public void waitUntil(String what, Callable<Boolean> condition, Callable<Object> state) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(
                    WaitForAsyncUtils.asyncFx(condition).get()));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for: " + what
                    + " (screen: " + screen() + ", title: " + text("title") + ") " + describe(state));
        }
    }

    private static String describe(Callable<Object> state) {
        try {
            return String.valueOf(WaitForAsyncUtils.asyncFx(state).get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            return "(state unknown: " + e + ")";
        }
    }

    public Optional<Node> node(String id) {
        return lookup("#" + id).tryQuery();
    }

    public boolean visible(String id) {
        return node(id).filter(Node::isVisible).filter(n -> n.getScene() != null).isPresent();
    }

    public void waitFor(String id) {
        waitUntil("#" + id, () -> visible(id));
    }

    public void waitForScreen(String name) {
        waitUntil("screen " + name, () -> node("screen-" + name).isPresent());
    }

    /** The name of the screen shown now. */
    public String screen() {
        return lookup(n -> n.getId() != null && n.getId().startsWith("screen-")).tryQuery().map(Node::getId).orElse("?");
    }

    public String text(String id) {
        return node(id).map(n -> n instanceof Labeled l ? l.getText() : n instanceof TextInputControl t ? t.getText() : "")
                .orElse(null);
    }

    /** Every text shown inside {@code #id} (labels, buttons, fields), in order, one per line; null if absent. */
    public String texts(String id) {
        return node(id).map(n -> from(n).lookup((Node c) -> c instanceof Labeled || c instanceof TextInputControl)
                .queryAll().stream().map(c -> c instanceof Labeled l ? l.getText() : ((TextInputControl) c).getText())
                .reduce((a, b) -> a + "\n" + b).orElse("")).orElse(null);
    }

    /** Waits until {@code #id} shows text containing {@code part}. */
    public void waitForText(String id, String part) {
        waitUntil("#" + id + " containing '" + part + "' (now '" + text(id) + "')",
                () -> text(id) != null && text(id).contains(part));
    }

    /**
     * Scrolls {@code #id} into view, then taps its centre once it stays put: the point is taken in an FX step and
     * taken again after the events queued meanwhile have run, until both agree. A live screen reloaded by sync may
     * still be growing (a status line wrapping, rows arriving above), and a point taken mid-way lands on whatever
     * moved under it.
     */
    public void tap(String id) {
        waitFor(id);
        Point2D centre = centreOf(id);
        for (int look = 0; ; look++) {
            WaitForAsyncUtils.waitForFxEvents();
            Point2D again = centreOf(id);
            if (again.equals(centre)) {
                break;
            }
            if (look == 50) {
                throw new AssertionError("#" + id + " keeps moving: " + centre + " then " + again);
            }
            centre = again;
        }
        clickOn(centre);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Point2D centreOf(String id) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                Node n = node(id).orElseThrow(() -> new AssertionError("#" + id + " is gone"));
                reveal(n);
                Bounds b = n.localToScreen(n.getBoundsInLocal());
                return new Point2D(b.getCenterX(), b.getCenterY());
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot tap #" + id, e);
        }
    }

    /** Focuses a text field, puts {@code value} in (any script, unlike key presses) and presses Enter. */
    public void fill(String id, String value) {
        tap(id);
        interact(() -> ((TextInputControl) node(id).orElseThrow()).setText(value));
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves the phone frame as {@code target/screenshots/mobile-<name>.png}. */
    public Path shot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> app.context().shell().root().getScene().getRoot()
                    .snapshot(null, null)).get();
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve("mobile-" + name + ".png");
            ImageIO.write(toBuffered(image), "png", file.toFile());
            assertThat(Files.size(file)).as("screenshot " + file).isGreaterThan(1000);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }

    private static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        return out;
    }

    /** Sets the enclosing scroll pane so that {@code node} is in its viewport. */
    private static void reveal(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null) {
                Bounds inContent = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double extra = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                if (extra > 0) {
                    double target = inContent.getMinY() - sp.getViewportBounds().getHeight() / 3;
                    sp.setVvalue(Math.max(0, Math.min(1, target / extra)));
                    sp.layout();
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
