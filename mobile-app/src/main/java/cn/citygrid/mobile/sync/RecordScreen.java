package cn.citygrid.mobile.sync;

import cn.citygrid.mobile.form.FormOpener;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.protocol.receipt.Receipt;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * One record: when it was signed, its id, its state; the server's reason for a rejection with "redo" (a new record
 * that replaces it), or the record that replaced it; for an acknowledged record the receipt (leaf index in the log)
 * and whether it verified on the phone.
 */
public final class RecordScreen implements Screen {
    private final Worker worker;
    private final String recordId;
    private final VBox body = new VBox(12);

    public RecordScreen(Worker worker, String recordId) {
        this.worker = worker;
        this.recordId = recordId;
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public String title() {
        return worker.ctx().t("record.title");
    }

    @Override
    public Node view() {
        worker.ctx().background().run(() -> new Found(worker.engine().record(recordId), worker.redos().replacementOf(recordId)),
                this::show, e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
        return Ui.page(body);
    }

    /** The record, and the record that replaced it (a saved redo), if any. */
    private record Found(Optional<OutboxEntry> record, Optional<OutboxEntry> replacement) {}

    private void show(Found f) {
        var ctx = worker.ctx();
        body.getChildren().clear();
        Optional<OutboxEntry> found = f.record();
        if (found.isEmpty()) {
            body.getChildren().add(Ui.text(ctx.t("record.missing"), "muted"));
            return;
        }
        OutboxEntry e = found.get();
        VBox card = Ui.card(ctx.label("form.name.", e.form().id()), OutboxScreen.stateBadge(ctx, e),
                Ui.text(ctx.t("record.captured", Format.full(e.capturedAt())), "body"),
                Ui.text("record-id", ctx.t("record.id", e.recordId()), "muted"),
                Ui.text("record-detail", OutboxScreen.detail(ctx, e), "body"));
        if (e.corrects() != null) {
            card.getChildren().add(Ui.text(ctx.t("record.corrects", e.corrects()), "muted"));
        }
        if (e.receivedAt() != null) {
            card.getChildren().add(Ui.text(ctx.t("record.received", Format.full(e.receivedAt())), "body"));
        }
        if (e.receipt() != null) {
            Receipt r = Receipt.parse(e.receipt());
            card.getChildren().add(Ui.text("receipt-leaf", ctx.t("record.leaf", r.leafIndex()), "body"));
        }
        if (!e.flags().isEmpty()) {
            card.getChildren().add(Ui.text(ctx.t("record.flags", String.join(", ", e.flags())), "muted"));
        }
        if (f.replacement().isPresent()) {
            String by = f.replacement().get().recordId();
            card.getChildren().addAll(Ui.text("record-replaced", ctx.t("record.replacedBy", by), "body"),
                    Ui.button("open-replacement", ctx.t("record.openReplacement"), "secondary",
                            () -> ctx.shell().push(new RecordScreen(worker, by))));
        } else if (e.state() == OutboxState.rejected) {
            card.getChildren().add(Ui.primary("record-redo", ctx.t("record.redo"), () -> FormOpener.redo(worker, e)));
        }
        body.getChildren().add(card);
    }
}
