package cn.citygrid.mobile.account;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** "Waiting for approval": the device is enrolled and pending until a supervisor approves it. */
public final class WaitingScreen implements Screen {
    private final AppContext ctx;
    private final String deviceId;
    private final Runnable checkNow;
    private final Label state = new Label();

    public WaitingScreen(AppContext ctx, String deviceId, Runnable checkNow) {
        this.ctx = ctx;
        this.deviceId = deviceId;
        this.checkNow = checkNow;
    }

    @Override
    public String name() {
        return "waiting";
    }

    @Override
    public String title() {
        return ctx.t("waiting.title");
    }

    @Override
    public Node view() {
        state.setId("waiting-state");
        state.getStyleClass().setAll("label", "muted");
        state.setWrapText(true);
        return Ui.page(Ui.card(ctx.t("waiting.heading"), Ui.text(ctx.t("waiting.explain"), "body"),
                Ui.text("device-id", ctx.t("waiting.device", deviceId), "muted"), state,
                Ui.primary("check-approval", ctx.t("waiting.check"), checkNow)));
    }

    public void state(String text) {
        state.setText(text);
    }
}
