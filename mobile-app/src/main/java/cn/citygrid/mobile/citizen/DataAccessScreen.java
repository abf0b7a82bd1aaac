package cn.citygrid.mobile.citizen;

import static cn.citygrid.mobile.api.JsonView.object;
import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** Who used my data: the reads of my record from the platform's access log, with role, time and purpose. */
public final class DataAccessScreen implements Screen {
    private final AppContext ctx;
    private final CitizenApi api;
    private final VBox rows = new VBox(8);

    DataAccessScreen(AppContext ctx, CitizenApi api) {
        this.ctx = ctx;
        this.api = api;
    }

    @Override
    public String name() {
        return "data-access";
    }

    @Override
    public String title() {
        return ctx.t("access.title");
    }

    @Override
    public Node view() {
        rows.setId("access-rows");
        rows.getChildren().setAll(Ui.text(ctx.t("common.loading"), "muted"));
        ctx.background().run(() -> api.dataAccess(1), this::show,
                e -> rows.getChildren().setAll(Ui.text("access-error", ctx.describe(e), "error-text")));
        return Ui.page(Ui.text(ctx.t("access.explain"), "muted"), rows);
    }

    private void show(List<Object> items) {
        rows.getChildren().clear();
        if (items.isEmpty()) {
            rows.getChildren().add(Ui.text("access-empty", ctx.t("access.empty"), "muted"));
        }
        int i = 0;
        for (Object o : items) {
            Map<String, Object> a = object(o);
            rows.getChildren().add(Ui.tile("access-" + i++, ctx.label("role.", text(a, "role")) + " · "
                    + ctx.label("purpose.", text(a, "purpose")), when(text(a, "at")) + " · "
                    + ctx.label("action.", text(a, "action")), null, () -> { }));
        }
    }

    private static String when(String iso) {
        try {
            return Format.time(OffsetDateTime.parse(iso).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }
}
