package cn.citygrid.mobile.citizen;

import static cn.citygrid.mobile.api.JsonView.list;
import static cn.citygrid.mobile.api.JsonView.object;
import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** My household as the platform knows it, with "this is wrong" feedback that becomes a data-quality issue. */
public final class HouseholdScreen implements Screen {
    private final AppContext ctx;
    private final CitizenApi api;
    private final VBox body = new VBox(12);

    HouseholdScreen(AppContext ctx, CitizenApi api) {
        this.ctx = ctx;
        this.api = api;
    }

    @Override
    public String name() {
        return "household";
    }

    @Override
    public String title() {
        return ctx.t("household.title");
    }

    @Override
    public Node view() {
        body.getChildren().setAll(Ui.text(ctx.t("common.loading"), "muted"));
        ctx.background().run(api::household, this::show,
                e -> body.getChildren().setAll(Ui.text("household-error", ctx.describe(e), "error-text")));
        return Ui.page(body);
    }

    private void show(Map<String, Object> household) {
        Map<String, Object> house = object(household.get("house"));
        VBox members = Ui.card(ctx.t("household.members"));
        members.setId("household-members");
        for (Object o : list(household.get("members"))) {
            Map<String, Object> m = object(o);
            members.getChildren().add(Ui.tile("member-" + text(m, "name"), text(m, "name") + "  "
                    + ctx.label("relation.", text(m, "relation")), ctx.t("household.memberLine", text(m, "idNumber"),
                    text(m, "phone")), null, () -> { }));
        }
        body.getChildren().setAll(Ui.card(ctx.t("household.house"), Ui.text("household-address", text(house, "address"), "card-title"),
                Ui.text(ctx.t("household.grid", text(house, "gridCode")), "muted")), members,
                Ui.button("household-wrong", ctx.t("household.wrong"), "secondary", this::feedback));
    }

    private void feedback() {
        TextArea what = new TextArea();
        what.setId("feedback-text");
        what.setPromptText(ctx.t("household.wrongPrompt"));
        what.setPrefRowCount(4);
        what.setWrapText(true);
        ctx.shell().dialog(ctx.t("household.wrong"), what)
                .button("feedback-cancel", ctx.t("common.cancel"), false, () -> { })
                .button("feedback-send", ctx.t("common.send"), true, () -> send(what.getText().trim()));
    }

    private void send(String message) {
        if (message.isEmpty()) {
            ctx.shell().toast(ctx.t("household.wrongEmpty"));
            return;
        }
        ctx.background().run(() -> api.feedback(message),
                r -> ctx.shell().toast(ctx.t("household.wrongSent", text(r, "issueId"))),
                e -> ctx.shell().toast(ctx.describe(e)));
    }
}
