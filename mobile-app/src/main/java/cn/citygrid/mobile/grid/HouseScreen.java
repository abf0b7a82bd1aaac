package cn.citygrid.mobile.grid;

import static cn.citygrid.mobile.api.JsonView.list;
import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.mobile.form.FormOpener;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Live;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.sync.OutboxScreen;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * A house: address, residents as the server sent them (ID numbers and phones masked), the visits recorded on this
 * phone (with their sync state) and the server's last visit if it sends one, and the forms to start here.
 */
public final class HouseScreen implements Screen, Live {
    private final Worker worker;
    private final String houseId;
    private final VBox body = new VBox(12);

    public HouseScreen(Worker worker, String houseId) {
        this.worker = worker;
        this.houseId = houseId;
    }

    private record Data(Optional<Map<String, Object>> house, List<Map<String, Object>> residents, List<OutboxEntry> visits) {}

    @Override
    public String name() {
        return "house";
    }

    @Override
    public String title() {
        return worker.ctx().t("house.title");
    }

    @Override
    public Node view() {
        reload();
        return Ui.page(body);
    }

    @Override
    public void reload() {
        worker.ctx().background().run(() -> new Data(worker.data().house(houseId), worker.data().residentsOf(houseId),
                worker.data().visitsByHouse().getOrDefault(houseId, List.of())), this::show,
                e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    private void show(Data d) {
        var ctx = worker.ctx();
        body.getChildren().clear();
        Map<String, Object> h = d.house().orElse(Map.of());
        body.getChildren().add(Ui.card(null, Ui.text("house-address", d.house().isPresent() ? text(h, "address")
                        : ctx.t("house.unknown", houseId), "card-title"),
                Ui.text(ctx.t("house.meta", houseId, text(h, "usage"), text(h, "areaM2")), "muted"),
                Ui.primary("start-visit", ctx.t("house.visit"), () -> FormOpener.open(worker, BuiltInForms.HOUSEHOLD_VISIT, houseId)),
                Ui.button("start-inspection", ctx.t("house.inspect"), "secondary",
                        () -> FormOpener.open(worker, BuiltInForms.HOUSE_INSPECTION, houseId))));
        VBox residents = Ui.card(ctx.t("house.residents", d.residents().size()));
        residents.setId("residents");
        if (d.residents().isEmpty()) {
            residents.getChildren().add(Ui.text(ctx.t("house.noResidents"), "muted"));
        }
        for (Map<String, Object> r : d.residents()) {
            String flags = String.join("、", list(r.get("careFlags")).stream().map(f -> ctx.label("care.", String.valueOf(f))).toList());
            residents.getChildren().add(Ui.tile("resident-" + text(r, "id"), text(r, "name") + "  "
                    + ctx.label("gender.", text(r, "gender")) + " " + text(r, "birthYear"),
                    ctx.t("house.residentLine", text(r, "idNumber"), text(r, "phone"), ctx.label("kind.", text(r, "kind")))
                            + (flags.isEmpty() ? "" : "\n" + flags), null, () -> { }));
        }
        VBox visits = Ui.card(ctx.t("house.visits"));
        visits.setId("visits");
        String last = text(h, "lastVisitAt");
        if (!last.isEmpty()) {
            visits.getChildren().add(Ui.text(ctx.t("house.serverLastVisit", last), "muted"));
        }
        if (d.visits().isEmpty()) {
            visits.getChildren().add(Ui.text(ctx.t("house.noVisits"), "muted"));
        }
        for (OutboxEntry e : d.visits()) {
            visits.getChildren().add(Ui.tile("visit-" + e.recordId(), ctx.t("form.name." + e.form().id()),
                    Format.full(e.capturedAt()), OutboxScreen.stateBadge(ctx, e), () -> ctx.shell().push(
                            new cn.citygrid.mobile.sync.RecordScreen(worker, e.recordId()))));
        }
        body.getChildren().addAll(residents, visits);
    }
}
