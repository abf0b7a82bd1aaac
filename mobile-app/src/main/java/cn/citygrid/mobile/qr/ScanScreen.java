package cn.citygrid.mobile.qr;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.mobile.form.FormOpener;
import cn.citygrid.mobile.grid.HouseScreen;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import javafx.scene.Node;

/** Scan a house or place code: a house opens its page, a place opens a check-in there. Verified offline. */
public final class ScanScreen implements Screen {
    private final Worker worker;

    public ScanScreen(Worker worker) {
        this.worker = worker;
    }

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String title() {
        return worker.ctx().t("scan.title");
    }

    @Override
    public Node view() {
        var ctx = worker.ctx();
        return Ui.page(Ui.card(ctx.t("scan.heading"), Ui.text(ctx.t("scan.explain"), "body"),
                Ui.primary("scan-code", ctx.t("scan.take"), () -> Scanner.scan(ctx, worker.trust(), this::open)),
                Ui.text(ctx.t("scan.offline"), "muted")));
    }

    private void open(PlaceCode code) {
        if (code.kind() == PlaceCode.Kind.HOUSE) {
            worker.ctx().shell().push(new HouseScreen(worker, code.id()));
        } else {
            FormOpener.open(worker, BuiltInForms.CHECK_IN, code.id());
        }
    }
}
