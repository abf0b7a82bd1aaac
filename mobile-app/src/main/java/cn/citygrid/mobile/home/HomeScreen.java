package cn.citygrid.mobile.home;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.form.FormOpener;
import cn.citygrid.mobile.notify.InboxScreen;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Live;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.sync.SyncStatus;
import cn.citygrid.mobile.task.TaskOpener;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.client.draft.Draft;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Home: sync state, today's tasks, visits due, records waiting, drafts to finish, quick actions. */
public final class HomeScreen implements Screen, Live {
    private final Worker worker;
    private final VBox tasks = new VBox(8);
    private final VBox drafts = new VBox(8);
    private final Label waiting = new Label();
    private final Label visitsDue = new Label();
    private final Label taskCount = new Label();
    private final Label lastSync = new Label();
    private final Label online = new Label();
    private final Label bell = new Label();
    private final ChangeListener<SyncStatus> onStatus = (o, a, s) -> showStatus(s);

    public HomeScreen(Worker worker) {
        this.worker = worker;
    }

    private record Data(List<Map<String, Object>> today, long visitsDue, List<Draft> drafts) {}

    @Override
    public String name() {
        return "home";
    }

    @Override
    public String title() {
        return worker.ctx().t("home.title");
    }

    @Override
    public Node view() {
        var ctx = worker.ctx();
        waiting.setId("waiting-count");
        visitsDue.setId("visits-due");
        taskCount.setId("task-count");
        lastSync.setId("last-sync");
        online.setId("online-state");
        for (Label l : List.of(waiting, visitsDue, taskCount)) {
            l.getStyleClass().setAll("label", "metric");
        }
        GridPane metrics = new GridPane();
        metrics.setHgap(8);
        metrics.add(metric(taskCount, ctx.t("home.tasksToday")), 0, 0);
        metrics.add(metric(visitsDue, ctx.t("home.visitsDue")), 1, 0);
        metrics.add(metric(waiting, ctx.t("home.waiting")), 2, 0);
        lastSync.getStyleClass().setAll("label", "muted");
        online.getStyleClass().setAll("label", "body");
        HBox syncRow = new HBox(8, new VBox(2, online, lastSync),
                Ui.button("sync-now", ctx.t("sync.now"), "secondary", () -> worker.sync().syncNow()));
        HBox.setHgrow(syncRow.getChildren().get(0), Priority.ALWAYS);
        syncRow.setAlignment(Pos.CENTER_LEFT);
        ((javafx.scene.control.Button) syncRow.getChildren().get(1)).setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bell.setId("inbox-count");
        VBox greeting = Ui.card(ctx.t("home.hello", worker.displayName()), syncRow, metrics);
        VBox actions = Ui.card(ctx.t("home.actions"),
                Ui.button("report-event", ctx.t("home.reportEvent"), "secondary",
                        () -> FormOpener.open(worker, BuiltInForms.EVENT_REPORT, null)),
                Ui.tile("open-inbox", ctx.t("inbox.title"), null, bell, () -> ctx.shell().push(new InboxScreen(worker))));
        var page = Ui.page(greeting, Ui.card(ctx.t("home.todayTasks"), tasks), Ui.card(ctx.t("home.drafts"), drafts), actions);
        worker.sync().status().addListener(onStatus);
        showStatus(worker.sync().status().get());
        reload();
        return page;
    }

    @Override
    public void onHide() {
        worker.sync().status().removeListener(onStatus);
    }

    @Override
    public void reload() {
        worker.ctx().background().run(() -> {
            LocalDate today = LocalDate.now(Format.CHINA);
            List<Map<String, Object>> open = worker.data().openTasks();
            return new Data(worker.data().todaysTasks(today), open.stream()
                    .filter(t -> text(t, "formId").equals(BuiltInForms.HOUSEHOLD_VISIT)).count(), worker.engine().drafts().list());
        }, this::show, e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    private void show(Data d) {
        var ctx = worker.ctx();
        taskCount.setText(Integer.toString(d.today().size()));
        visitsDue.setText(Long.toString(d.visitsDue()));
        tasks.getChildren().clear();
        if (d.today().isEmpty()) {
            tasks.getChildren().add(Ui.text(ctx.t("home.noTasks"), "muted"));
        }
        for (Map<String, Object> t : d.today()) {
            tasks.getChildren().add(Ui.tile("task-" + text(t, "id"), text(t, "title"),
                    ctx.t("home.taskDue", text(t, "due").isEmpty() ? "—" : text(t, "due")), Ui.badge(ctx.t("home.due"), "due"),
                    () -> TaskOpener.open(worker, t)));
        }
        drafts.getChildren().clear();
        if (d.drafts().isEmpty()) {
            drafts.getChildren().add(Ui.text(ctx.t("home.noDrafts"), "muted"));
        }
        for (Draft draft : d.drafts()) {
            drafts.getChildren().add(Ui.tile("draft-" + draft.id(), ctx.t("form.name." + draft.form().id()),
                    ctx.t("home.draftSaved", Format.time(draft.updatedAt())), null, () -> FormOpener.resume(worker, draft)));
        }
        bell.setText(Integer.toString(worker.inbox().notes().size()));
        bell.getStyleClass().setAll("label", "badge", "info");
    }

    private void showStatus(SyncStatus s) {
        var ctx = worker.ctx();
        waiting.setText(Long.toString(s.waiting()));
        online.setText(ctx.t(s.online() ? "sync.online" : "sync.offline"));
        lastSync.setText(ctx.t("sync.last", Format.time(s.lastSync())));
    }

    private static VBox metric(Label value, String label) {
        VBox box = new VBox(0, value, Ui.text(label, "metric-label"));
        box.setAlignment(Pos.CENTER);
        box.setPrefWidth(100);
        return box;
    }
}
