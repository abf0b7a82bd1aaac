package cn.citygrid.mobile.notify;

import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.Worker;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The in-app notifications: new task assignments and rejected records, newest first. */
public final class InboxScreen implements Screen {
    private final Worker worker;

    public InboxScreen(Worker worker) {
        this.worker = worker;
    }

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public String title() {
        return worker.ctx().t("inbox.title");
    }

    @Override
    public Node view() {
        var ctx = worker.ctx();
        VBox list = new VBox(8);
        list.setId("inbox");
        if (worker.inbox().notes().isEmpty()) {
            list.getChildren().add(Ui.text(ctx.t("inbox.empty"), "muted"));
        }
        for (Inbox.Note n : worker.inbox().notes()) {
            list.getChildren().add(Ui.tile("note-" + n.target(), ctx.t("inbox." + n.kind()), n.body() + "\n" + Format.time(n.at()),
                    Ui.badge(ctx.t("inbox.kind." + n.kind()), n.kind().equals("rejected") ? "rejected" : "info"),
                    () -> { }));
        }
        return Ui.page(list);
    }
}
