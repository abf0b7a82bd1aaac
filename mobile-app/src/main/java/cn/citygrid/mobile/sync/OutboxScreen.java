package cn.citygrid.mobile.sync;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Live;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The outbox: every signed record with its state (waiting, uploading, accepted with receipt, rejected with reason,
 * and whether a redo replaced it).
 */
public final class OutboxScreen implements Screen, Live {
    private final Worker worker;
    private final VBox rows = new VBox(8);
    private final Label state = new Label();
    private final ChangeListener<SyncStatus> onStatus = (o, a, s) -> showStatus(s);

    public OutboxScreen(Worker worker) {
        this.worker = worker;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public String title() {
        return worker.ctx().t("outbox.title");
    }

    @Override
    public Node view() {
        var ctx = worker.ctx();
        state.setId("sync-state");
        state.getStyleClass().setAll("label", "body");
        state.setWrapText(true);
        rows.setId("outbox-rows");
        worker.sync().status().addListener(onStatus);
        showStatus(worker.sync().status().get());
        reload();
        return Ui.page(Ui.card(ctx.t("outbox.sync"), state, Ui.primary("outbox-sync-now", ctx.t("sync.now"),
                () -> worker.sync().syncNow())), rows);
    }

    @Override
    public void onHide() {
        worker.sync().status().removeListener(onStatus);
    }

    @Override
    public void reload() {
        worker.ctx().background().run(() -> worker.engine().outbox(), this::show, e -> worker.ctx().shell().toast(
                worker.ctx().describe(e)));
    }

    private void show(List<OutboxEntry> entries) {
        var ctx = worker.ctx();
        List<OutboxEntry> newest = new ArrayList<>(entries);
        Collections.reverse(newest);
        Set<String> replaced = entries.stream().map(OutboxEntry::corrects).filter(Objects::nonNull).collect(Collectors.toSet());
        rows.getChildren().clear();
        if (newest.isEmpty()) {
            rows.getChildren().add(Ui.text(ctx.t("outbox.empty"), "muted"));
        }
        for (OutboxEntry e : newest) {
            rows.getChildren().add(Ui.tile("record-" + e.recordId(), ctx.label("form.name.", e.form().id()),
                    Format.full(e.capturedAt()) + "\n" + detail(ctx, e)
                            + (replaced.contains(e.recordId()) ? "\n" + ctx.t("outbox.replaced") : ""), stateBadge(ctx, e),
                    () -> ctx.shell().push(new RecordScreen(worker, e.recordId()))));
        }
    }

    /** The second line of a row: why it was rejected, what the receipt check said, or why it waits. */
    static String detail(AppContext ctx, OutboxEntry e) {
        if (e.state() == OutboxState.rejected) {
            return ctx.t("outbox.reason", e.problem() == null ? e.lastError() : e.problem().detail());
        }
        if (e.state().isAcked()) {
            return ctx.t("receipt." + e.receiptState().name());
        }
        return e.lastError() == null ? ctx.t("outbox.notSent") : ctx.t("outbox.lastError", e.lastError());
    }

    public static Label stateBadge(AppContext ctx, OutboxEntry e) {
        String kind = switch (e.state()) {
            case waiting -> "waiting";
            case uploading -> "uploading";
            case accepted, duplicate -> "accepted";
            case rejected -> "rejected";
        };
        String text = ctx.t("state." + e.state().name());
        if (e.state().isAcked() && e.receiptState() == ReceiptState.verified) {
            text = ctx.t("state.receipted");
        }
        Label badge = Ui.badge(text, kind);
        badge.setId("state-" + e.recordId());
        return badge;
    }

    private void showStatus(SyncStatus s) {
        var ctx = worker.ctx();
        String report = s.lastReport() == null ? "" : "\n" + ctx.t("sync.report." + s.lastReport().outcome().name(),
                s.lastReport().acked(), s.lastReport().rejected(), s.lastReport().changesApplied());
        state.setText(ctx.t(s.online() ? "sync.online" : "sync.offline") + " · " + ctx.t("sync.last", Format.time(s.lastSync()))
                + " · " + ctx.t("outbox.waitingN", s.waiting()) + report);
    }
}
