package cn.citygrid.mobile.account;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Sign in with username and password; the account's role decides worker or citizen mode. */
public final class SignInScreen implements Screen {
    private final AppContext ctx;
    private final Consumer<Session> signedIn;
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label error = new Label();

    public SignInScreen(AppContext ctx, Consumer<Session> signedIn) {
        this.ctx = ctx;
        this.signedIn = signedIn;
    }

    @Override
    public String name() {
        return "sign-in";
    }

    @Override
    public String title() {
        return ctx.t("signin.title");
    }

    @Override
    public Node view() {
        username.setId("username");
        username.setPromptText(ctx.t("signin.username"));
        password.setId("password");
        password.setPromptText(ctx.t("signin.password"));
        password.setOnAction(e -> submit());
        error.setId("sign-in-error");
        error.getStyleClass().setAll("label", "error-text");
        error.setWrapText(true);
        Label logo = Ui.text(ctx.t("app.name"), "headline");
        Label sub = Ui.text(ctx.t("signin.subtitle"), "muted");
        VBox form = Ui.card(null, Ui.text(ctx.t("signin.username"), "question-label"), username,
                Ui.text(ctx.t("signin.password"), "question-label"), password, error,
                Ui.primary("sign-in", ctx.t("signin.submit"), this::submit),
                Ui.text(ctx.t("signin.server", ctx.config().server()), "muted"));
        VBox box = new VBox(16, logo, sub, form);
        box.setAlignment(Pos.TOP_LEFT);
        return Ui.page(box);
    }

    private void submit() {
        String user = username.getText().trim().toLowerCase(java.util.Locale.ROOT);
        String pass = password.getText();
        if (user.isEmpty() || pass.isEmpty()) {
            error.setText(ctx.t("signin.missing"));
            return;
        }
        error.setText(ctx.t("signin.busy"));
        ctx.background().run(() -> Session.signIn(ctx.api(), user, pass, token -> { }),
                s -> {
                    error.setText("");
                    password.clear();
                    signedIn.accept(s);
                },
                e -> error.setText(ctx.describe(e)));
    }
}
