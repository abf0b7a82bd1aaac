package cn.citygrid.mobile.worker;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.account.WorkerStart;
import cn.citygrid.mobile.form.FormLibrary;
import cn.citygrid.mobile.form.Redos;
import cn.citygrid.mobile.notify.Inbox;
import cn.citygrid.mobile.qr.PlaceCodeTrust;
import cn.citygrid.mobile.sync.SyncService;
import cn.citygrid.sync.client.engine.SyncConfig;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.engine.SyncEvent;
import cn.citygrid.sync.client.outbox.OutboxState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A worker's running app once the phone is unlocked and approved: the sync engine over the phone store, automatic
 * sync, the offline data, forms, QR trust and the in-app inbox. Screens share it.
 */
public final class Worker implements AutoCloseable {
    private final AppContext ctx;
    private final WorkerStart.Unlocked unlocked;
    private final SyncEngine engine;
    private final SyncService sync;
    private final WorkerData data;
    private final FormLibrary forms;
    private final PlaceCodeTrust trust;
    private final Inbox inbox = new Inbox();
    private final Redos redos;

    public Worker(AppContext ctx, WorkerStart.Unlocked unlocked) {
        this.ctx = ctx;
        this.unlocked = unlocked;
        this.engine = SyncEngine.builder(unlocked.phone().store(), unlocked.key(),
                SyncConfig.of(ctx.config().server(), ctx.config().logKey()), unlocked.session()).build();
        this.sync = new SyncService(engine, ctx.background(), ctx.config().server());
        this.data = new WorkerData(engine);
        this.forms = new FormLibrary(engine.replica());
        this.trust = new PlaceCodeTrust(ctx.config().placeCodeKeys(), engine.replica());
        this.redos = new Redos(engine, unlocked.phone().store());
        sync.onEvent(this::notify);
    }

    /** Starts automatic sync; the first round runs at once. */
    public void start() {
        ctx.background().run(() -> taskTitles().keySet(), ids -> inbox.newTasks(ids), e -> { });
        sync.start(ctx.config().syncTick());
    }

    public AppContext ctx() {
        return ctx;
    }

    public SyncEngine engine() {
        return engine;
    }

    public SyncService sync() {
        return sync;
    }

    public WorkerData data() {
        return data;
    }

    public FormLibrary forms() {
        return forms;
    }

    public PlaceCodeTrust trust() {
        return trust;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Redos redos() {
        return redos;
    }

    public String displayName() {
        return unlocked.session().account().displayName();
    }

    public String deviceId() {
        return unlocked.key().deviceId();
    }

    private void notify(SyncEvent event) {
        if (event instanceof SyncEvent.ChangesApplied) {
            ctx.background().run(this::taskTitles, titles -> {
                for (String id : inbox.newTasks(titles.keySet())) {
                    inbox.add(new Inbox.Note(Instant.now(), "task", titles.get(id), id));
                }
            }, e -> { });
        } else if (event instanceof SyncEvent.RecordStateChanged c && c.state() == OutboxState.rejected) {
            inbox.add(new Inbox.Note(Instant.now(), "rejected",
                    c.problem() == null ? "" : c.problem().detail(), c.recordId()));
        }
    }

    private Map<String, String> taskTitles() {
        return data.tasks().stream().collect(Collectors.toMap(t -> text(t, "id"), t -> text(t, "title"), (a, b) -> a));
    }

    /** Task ids on the phone (for tests and the inbox). */
    public Set<String> taskIds() {
        return taskTitles().keySet();
    }

    @Override
    public void close() {
        sync.close();
        unlocked.phone().close();
    }
}
