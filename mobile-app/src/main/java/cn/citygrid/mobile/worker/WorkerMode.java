package cn.citygrid.mobile.worker;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.account.WorkerStart;
import cn.citygrid.mobile.grid.MapScreen;
import cn.citygrid.mobile.home.HomeScreen;
import cn.citygrid.mobile.qr.ScanScreen;
import cn.citygrid.mobile.shell.Live;
import cn.citygrid.mobile.shell.Tab;
import cn.citygrid.mobile.sync.OutboxScreen;
import cn.citygrid.mobile.sync.SyncStatus;
import cn.citygrid.sync.client.engine.SyncEvent;
import java.util.List;

/** Worker mode: four tabs (home, my grid, scan, sync), the connectivity chip, live screens reloaded by sync. */
public final class WorkerMode {
    private WorkerMode() {
    }

    public static Worker start(AppContext ctx, WorkerStart.Unlocked unlocked) {
        Worker worker = new Worker(ctx, unlocked);
        worker.sync().status().addListener((o, a, s) -> chip(ctx, s));
        chip(ctx, worker.sync().status().get());
        worker.sync().onEvent(event -> {
            if (event instanceof SyncEvent.SyncFinished || event instanceof SyncEvent.Captured
                    || event instanceof SyncEvent.RecordStateChanged || event instanceof SyncEvent.ReceiptChecked) {
                if (ctx.shell().current() instanceof Live live) {
                    live.reload();
                }
            }
        });
        ctx.shell().setTabs(List.of(
                new Tab("home", "tab.home", "⌂", () -> new HomeScreen(worker)),
                new Tab("map", "tab.map", "▦", () -> new MapScreen(worker)),
                new Tab("scan", "tab.scan", "▣", () -> new ScanScreen(worker)),
                new Tab("outbox", "tab.outbox", "⇅", () -> new OutboxScreen(worker))), "home");
        worker.start();
        return worker;
    }

    private static void chip(AppContext ctx, SyncStatus s) {
        ctx.shell().status(ctx.t(s.online() ? "chip.online" : "chip.offline"), s.online());
    }
}
