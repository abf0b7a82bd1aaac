package cn.citygrid.mobile;

import cn.citygrid.mobile.account.PhoneStore;
import cn.citygrid.mobile.account.Session;
import cn.citygrid.mobile.account.SignInScreen;
import cn.citygrid.mobile.account.WorkerStart;
import cn.citygrid.mobile.api.ApiClient;
import cn.citygrid.mobile.citizen.CitizenMode;
import cn.citygrid.mobile.config.AppConfig;
import cn.citygrid.mobile.platform.DeviceServices;
import cn.citygrid.mobile.shell.Background;
import cn.citygrid.mobile.shell.I18n;
import cn.citygrid.mobile.shell.Shell;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.mobile.worker.WorkerMode;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The app: a phone-sized window (360 × 780) whose first screen is sign-in, or the PIN of the worker who used this
 * phone last. The role decides the mode: GRID_WORKER → worker mode (after enrollment and approval), CITIZEN →
 * citizen mode. Started by {@link Launcher} with configuration from system properties, or by tests with their own.
 */
public final class GridApp extends Application {
    private final AppConfig given;
    private final DeviceServices givenDevice;
    private AppContext ctx;
    private Worker worker;

    /** Used by {@code Application.launch}: configuration from {@code citygrid.*} system properties. */
    public GridApp() {
        this(null, null);
    }

    /** Tests: their own configuration and phone services (scripted camera, fixed position, a private folder). */
    public GridApp(AppConfig config, DeviceServices device) {
        this.given = config;
        this.givenDevice = device;
    }

    @Override
    public void start(Stage stage) {
        AppConfig config = given != null ? given : AppConfig.load(System.getProperties());
        DeviceServices device = givenDevice != null ? givenDevice : DeviceServices.forPlatform(config);
        Shell shell = new Shell(I18n.of(config.language()));
        ApiClient api = new ApiClient(config.server());
        api.language(shell.i18n().tag());
        shell.onLanguageChange(i18n -> api.language(i18n.tag()));
        ctx = new AppContext(config, device, shell, new Background(), api);
        cjkFont().ifPresent(family -> shell.root().setStyle("-fx-font-family: \"" + family + "\";"));
        Scene scene = new Scene(shell.root(), Shell.WIDTH, Shell.HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("shell/app.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle(ctx.t("app.name"));
        stage.show();
        DeviceServices.onResume(() -> {
            if (worker != null) {
                worker.sync().syncNow();
            }
        });
        firstScreen();
    }

    /**
     * A font with Chinese glyphs where the platform default has none (desktop Linux: JavaFX's default font has no
     * CJK fallback); phones' system fonts have them, and none of these families is asked for there.
     */
    private static java.util.Optional<String> cjkFont() {
        if (!com.gluonhq.attach.util.Platform.isDesktop()) {
            return java.util.Optional.empty();
        }
        var installed = javafx.scene.text.Font.getFamilies();
        return java.util.stream.Stream.of("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "Microsoft YaHei", "PingFang SC").filter(installed::contains).findFirst();
    }

    public AppContext context() {
        return ctx;
    }

    /** The running worker mode, once unlocked (tests read it). */
    public Worker worker() {
        return worker;
    }

    private void firstScreen() {
        WorkerStart start = new WorkerStart(ctx, u -> worker = WorkerMode.start(ctx, u), this::signOut);
        PhoneStore.lastWorker(ctx.device().dataDir()).ifPresentOrElse(start::resume, this::signIn);
    }

    private void signIn() {
        ctx.shell().replace(new SignInScreen(ctx, this::signedIn));
    }

    private void signedIn(Session session) {
        if (session.account().isWorker()) {
            new WorkerStart(ctx, u -> worker = WorkerMode.start(ctx, u), this::signOut).signedIn(session);
        } else if (session.account().isCitizen()) {
            CitizenMode.start(ctx, session);
        } else {
            ctx.shell().toast(ctx.t("signin.wrongRole"));
        }
    }

    private void signOut() {
        if (worker != null) {
            ctx.background().awaitWrites();
            worker.close();
            worker = null;
        }
        ctx.shell().status(null, true);
        signIn();
    }

    @Override
    public void stop() {
        if (worker != null) {
            ctx.background().awaitWrites();
            worker.close();
        }
        if (ctx != null) {
            ctx.background().close();
        }
    }
}
