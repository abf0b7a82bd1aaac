package cn.citygrid.mobile.account;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import java.util.Arrays;
import java.util.function.BiConsumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * The PIN: chosen once when the phone is enrolled (twice, to confirm), then asked at every start to unlock the
 * device key. The PIN goes to {@code onPin} (on the FX thread), which does the slow part in the background and
 * reports back through {@link #failed(String)}.
 */
public final class PinScreen implements Screen {
    public enum Mode { CREATE, UNLOCK }

    private final AppContext ctx;
    private final Mode mode;
    private final String who;
    private final BiConsumer<char[], PinScreen> onPin;
    private final Runnable switchAccount;
    private final PasswordField pin = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final Label error = new Label();

    public PinScreen(AppContext ctx, Mode mode, String who, BiConsumer<char[], PinScreen> onPin, Runnable switchAccount) {
        this.ctx = ctx;
        this.mode = mode;
        this.who = who;
        this.onPin = onPin;
        this.switchAccount = switchAccount;
    }

    @Override
    public String name() {
        return mode == Mode.CREATE ? "pin-create" : "pin-unlock";
    }

    @Override
    public String title() {
        return ctx.t(mode == Mode.CREATE ? "pin.create.title" : "pin.unlock.title");
    }

    @Override
    public Node view() {
        pin.setId("pin");
        pin.setPromptText(ctx.t("pin.prompt"));
        confirm.setId("pin-confirm");
        confirm.setPromptText(ctx.t("pin.confirm"));
        error.setId("pin-error");
        error.getStyleClass().setAll("label", "error-text");
        error.setWrapText(true);
        VBox card = Ui.card(null, Ui.text(ctx.t(mode == Mode.CREATE ? "pin.create.explain" : "pin.unlock.explain", who), "body"),
                pin);
        if (mode == Mode.CREATE) {
            card.getChildren().add(confirm);
            confirm.setOnAction(e -> submit());
        } else {
            pin.setOnAction(e -> submit());
        }
        card.getChildren().addAll(error, Ui.primary("pin-submit", ctx.t(mode == Mode.CREATE ? "pin.create.submit"
                : "pin.unlock.submit"), this::submit));
        if (switchAccount != null) {
            card.getChildren().add(Ui.button("switch-account", ctx.t("pin.switch"), "flat", switchAccount));
        }
        return Ui.page(card);
    }

    /** Shows why the PIN did not work (wrong PIN, enrollment refused, offline …). */
    public void failed(String message) {
        error.setText(message);
        pin.clear();
        confirm.clear();
    }

    private void submit() {
        char[] p = pin.getText().toCharArray();
        if (p.length < 6 || !pin.getText().chars().allMatch(Character::isDigit)) {
            error.setText(ctx.t("pin.rule"));
            return;
        }
        if (mode == Mode.CREATE && !Arrays.equals(p, confirm.getText().toCharArray())) {
            error.setText(ctx.t("pin.mismatch"));
            return;
        }
        error.setText(ctx.t(mode == Mode.CREATE ? "pin.creating" : "pin.unlocking"));
        onPin.accept(p, this);
    }
}
