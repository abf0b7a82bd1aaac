package cn.citygrid.mobile.notify;

import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.sync.RecordScreen;
import cn.citygrid.mobile.task.TaskOpener;
import cn.citygrid.mobile.worker.Worker;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * The in-app notifications: new task assignments and rejected records, newest first. While shown it follows the
 * {@link Inbox}: a note that a sync brings in appears at once (the inbox changes on the FX thread, so redrawing
 * the few tiles there blocks nothing). A task's note opens what the task is about, as its row on the home does; a
 * rejected record's note opens that record, where it can be redone.
 */
public final class InboxScreen implements Screen {
    private final Worker worker;
    private final VBox list = new VBox(8);
    private final ListChangeListener<Inbox.Note> onNotes = change -> show();

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
        list.setId("inbox");
        // view() runs again after a language switch: listen once.
        worker.inbox().notes().removeListener(onNotes);
        worker.inbox().notes().addListener(onNotes);
        show();
        return Ui.page(list);
    }

    @Override
    public void onHide() {
        worker.inbox().notes().removeListener(onNotes);
    }

    private void show() {
        var ctx = worker.ctx();
        list.getChildren().clear();
        if (worker.inbox().notes().isEmpty()) {
            list.getChildren().add(Ui.text(ctx.t("inbox.empty"), "muted"));
        }
        for (Inbox.Note n : worker.inbox().notes()) {
            list.getChildren().add(Ui.tile("note-" + n.target(), ctx.t("inbox." + n.kind()), n.body() + "\n" + Format.time(n.at()),
                    Ui.badge(ctx.t("inbox.kind." + n.kind()), n.kind().equals("rejected") ? "rejected" : "info"),
                    () -> open(n)));
        }
    }

    private void open(Inbox.Note n) {
        if (n.target() == null) {
            return;
        }
        switch (n.kind()) {
            case "task" -> TaskOpener.open(worker, n.target());
            case "rejected" -> worker.ctx().shell().push(new RecordScreen(worker, n.target()));
            default -> { }
        }
    }
}
