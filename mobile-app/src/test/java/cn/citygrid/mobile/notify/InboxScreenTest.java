package cn.citygrid.mobile.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.api.JsonView;
import cn.citygrid.mobile.testing.AppDriver;
import cn.citygrid.mobile.testing.PhoneFixture;
import cn.citygrid.mobile.testing.Pictures;
import cn.citygrid.mobile.testing.RealPlatform;
import cn.citygrid.mobile.testing.Supervisor;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.mobile.worker.WorkerData;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.protocol.json.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox against the real backend: an open inbox follows the syncs that bring notes, and a rejected record's
 * note leads to its redo, a new draft of the same form with the rejected answers that, saved, replaces it; a
 * record refused for its photo is redone with the photo taken again; a task's note opens the task's house.
 */
class InboxScreenTest {
    private static final String PIN = "975312";
    private static final String TOO_LONG = "Boxes stacked in the stairwell again. ".repeat(8_000);
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    private static RealPlatform platform;
    private static Supervisor supervisor;
    private static List<String> homes;
    private PhoneFixture phone;
    private AppDriver app;

    @BeforeAll
    static void platform() throws Exception {
        platform = new RealPlatform(InboxScreenTest.class, shared, 300);
        supervisor = new Supervisor(platform);
        String grid = platform.workerGrid();
        homes = platform.rows("SELECT h.id FROM grid.house h WHERE h.grid_code = ? ORDER BY h.id LIMIT 2", grid)
                .stream().map(row -> row.get(0)).toList();
        assertThat(homes).hasSize(2);
    }

    @AfterAll
    static void closePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void phone() throws Exception {
        phone = new PhoneFixture(dir);
        app = new AppDriver(phone.config(platform.baseUri(), platform.logKey(), platform.placeCodeKeys()), phone.device);
        app.start();
        supervisor.enrollWorker(app, PIN);
        app.waitUntil("first sync", () -> worker().sync().status().get().lastSync() != null, () -> worker().sync().status().get());
        waitForSettledHome();
    }

    @AfterEach
    void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void openInbox_showsATaskAssignedMeanwhile_whenASyncBringsIt_withoutLeavingTheInbox() throws Exception {
        openInbox();
        String title = "复访：门前堆物";
        String task = supervisor.assignVisit(title, homes.get(1), LocalDate.now(WorkerData.CHINA));
        assertThat(app.node("note-" + task)).as("not synced yet").isEmpty();

        // What "sync now" does: after a completed sync the automatic one waits its idle interval.
        worker().sync().syncNow();
        app.waitFor("note-" + task);
        assertThat(app.screen()).isEqualTo("screen-inbox");
        assertThat(app.texts("note-" + task)).contains("新任务", title);
        app.shot("inbox-live");
    }

    @Test
    void tasksNote_opensTheHouseTheTaskIsAbout_asItsRowOnTheHomeDoes() throws Exception {
        String task = supervisor.assignVisit("复访：楼道堆物", homes.get(1), LocalDate.now(WorkerData.CHINA));
        worker().sync().syncNow();
        app.waitUntil("the assignment in the inbox", () -> worker().inbox().notes().stream()
                .anyMatch(n -> task.equals(n.target())), () -> worker().inbox().notes());
        openInbox();
        app.tap("note-" + task);
        app.waitForScreen("house");
        app.waitForText("house-address", platform.scalar("SELECT address FROM grid.house WHERE id = ?::bigint", homes.get(1)));
        app.tap("start-visit");
        app.waitForScreen("form");
        app.waitForText("q-visit-house_id-input", homes.get(1));
    }

    @Test
    void rejectedRecordsNote_opensItsRecord_whoseRedoStartsFromItsAnswers_outlivesAKill_andReplacesIt() throws Exception {
        String rejected = rejectedVisit();
        openInbox();
        app.tap("note-" + rejected);
        app.waitForScreen("record");
        app.waitForText("record-detail", "单条记录不能超过 256 KiB");
        app.tap("record-redo");
        app.waitForScreen("form");
        app.waitFor("redoing");
        app.waitForText("q-visit-house_id-input", homes.get(0));
        app.waitUntil("the rejected record's answer chosen again",
                () -> ((RadioButton) app.node("q-visit-visit_result-nobody_home").orElseThrow()).isSelected());
        app.shot("record-redo");
        app.waitUntil("the redo kept as a draft", () -> redoDraft(rejected).isPresent());
        String draft = redoDraft(rejected).orElseThrow().id();

        app.restart();
        app.waitForScreen("pin-unlock");
        app.fill("pin", PIN);
        app.waitForScreen("home");
        waitForSettledHome();
        app.tap("draft-" + draft);
        app.waitForScreen("form");
        app.waitFor("redoing");
        app.tap("form-next");
        app.waitForText("q-wrap_up-notes-input", "Boxes stacked in the stairwell again.");
        app.fill("q-wrap_up-notes-input", "楼道堆放杂物，已提醒住户清理");
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("home");
        app.waitUntil("a new record that replaces the rejected one", () -> replacementOf(rejected).isPresent(),
                () -> worker().engine().outbox());
        OutboxEntry redone = replacementOf(rejected).orElseThrow();
        assertThat(redone.recordId()).isNotEqualTo(rejected);
        assertThat(redone.form()).isEqualTo(worker().engine().record(rejected).orElseThrow().form());
        assertThat(redone.envelope()).contains("已提醒住户清理").doesNotContain("Boxes stacked");
        assertThat(worker().engine().record(rejected).orElseThrow().state()).as("kept in history").isEqualTo(OutboxState.rejected);
        assertThat(worker().engine().drafts().list()).as("the redo's draft became the record").isEmpty();

        app.tap("tab-outbox");
        app.waitFor("record-" + redone.recordId());
        assertThat(app.texts("record-" + rejected)).contains("已拒绝", "已重新填报");
        app.tap("record-" + rejected);
        app.waitForScreen("record");
        app.waitForText("record-replaced", redone.recordId());
        assertThat(app.visible("record-redo")).as("a replaced record is not redone again").isFalse();
        app.tap("open-replacement");
        app.waitForText("record-id", redone.recordId());
        assertThat(app.texts("screen-record")).contains("替代被拒绝的记录：" + rejected);
    }

    @Test
    void recordRefusedForItsPhoto_isRedoneWithTheOldAnswersAndAPhotoTakenAgain_andTheRedoIsAccepted() throws Exception {
        String description = "路灯杆倾斜，底座松动，存在倒伏风险";
        waitForSettledHome();
        app.tap("report-event");
        app.waitForScreen("form");
        app.tap("q-event-category-municipal");
        app.fill("q-event-description-input", description);
        app.tap("q-event-urgency-urgent");
        app.tap("form-next");
        app.waitFor("q-place-location-value");
        app.tap("form-next");
        // The phone's camera hands over a GIF: the platform takes JPEG, PNG, WebP and HEIC pictures, not GIF.
        phone.camera.willReturn(Pictures.gif(dir, "streetlight"));
        app.tap("q-media-photo_1-photo");
        app.waitUntil("photo answered", () -> app.text("q-media-photo_1-value").endsWith(".gif"));
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("home");
        app.waitUntil("the record rejected for its photo", () -> worker().engine().outbox().stream()
                .anyMatch(e -> e.state() == OutboxState.rejected), () -> worker().engine().outbox());
        OutboxEntry refused = worker().engine().outbox().get(0);
        assertThat(refused.problem().slug()).isEqualTo("attachment-refused");
        assertThat(platform.rows("SELECT 1 FROM ledger.record WHERE id = ?", refused.recordId())).as("nothing stored").isEmpty();
        String refusedSm3 = attachmentSm3(refused);

        app.tap("tab-outbox");
        app.waitForText("state-" + refused.recordId(), "已拒绝");
        app.tap("record-" + refused.recordId());
        app.waitForScreen("record");
        app.waitForText("record-detail", "不接受的附件类型 image/gif");
        app.shot("record-photo-refused");
        app.tap("record-redo");
        app.waitForScreen("form");
        app.waitFor("redoing");
        app.waitForText("q-event-description-input", description);
        assertThat(((RadioButton) app.node("q-event-urgency-urgent").orElseThrow()).isSelected()).as("urgency kept").isTrue();
        app.tap("form-next");
        app.tap("form-next");
        app.waitUntil("the refused photo offered again", () -> app.text("q-media-photo_1-value").endsWith(".gif"));
        phone.camera.willReturn(Pictures.photo(dir, "streetlight-again"));
        app.tap("q-media-photo_1-photo");
        app.waitUntil("the photo taken again", () -> app.text("q-media-photo_1-value").endsWith(".jpg"));
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("record");
        app.waitUntil("the redo accepted with a verified receipt", () -> replacementOf(refused.recordId())
                .filter(e -> e.state() == OutboxState.accepted && e.receiptState() == ReceiptState.verified).isPresent(),
                () -> worker().engine().outbox());
        OutboxEntry redone = replacementOf(refused.recordId()).orElseThrow();
        assertThat(redone.receipt()).as("its receipt").isNotNull();
        assertThat(attachmentSm3(redone)).as("the photo taken again").isNotEqualTo(refusedSm3);
        Map<String, Object> stored = JsonView.object(JsonView.object(Json.parse(platform.scalar(
                "SELECT convert_from(canonical, 'UTF8') FROM ledger.record WHERE id = ?", redone.recordId()))).get("payload"));
        assertThat(stored.get("corrects")).as("the stored redo names the refused record").isEqualTo(refused.recordId());
        assertThat(JsonView.text(JsonView.object(stored.get("event")), "description")).isEqualTo(description);
        app.waitForText("record-replaced", redone.recordId());
        assertThat(app.visible("record-redo")).as("a replaced record is not redone again").isFalse();
        assertThat(worker().engine().record(refused.recordId()).orElseThrow().state()).as("kept in history")
                .isEqualTo(OutboxState.rejected);
    }

    /** The SM3 of a record's one attachment, as its signed envelope names it. */
    private static String attachmentSm3(OutboxEntry e) {
        List<Object> attachments = JsonView.list(JsonView.object(Json.parse(e.envelope())).get("attachments"));
        assertThat(attachments).as("attachments of " + e.recordId()).hasSize(1);
        return JsonView.text(JsonView.object(attachments.get(0)), "sm3");
    }

    /** A household visit whose note is too long for one record (256 KiB): the phone signs it, the server rejects it. */
    private String rejectedVisit() {
        String task = supervisor.assignVisit("入户走访", homes.get(0), LocalDate.now(WorkerData.CHINA));
        worker().sync().syncNow();
        app.waitFor("task-" + task);
        waitForSettledHome();
        app.tap("task-" + task);
        app.waitForScreen("house");
        app.tap("start-visit");
        app.waitForScreen("form");
        app.tap("q-visit-visit_result-nobody_home");
        app.tap("form-next");
        app.fill("q-wrap_up-notes-input", TOO_LONG);
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("house");
        app.waitUntil("the record rejected by the server", () -> worker().engine().outbox().stream()
                .anyMatch(e -> e.state() == OutboxState.rejected), () -> worker().engine().outbox());
        return worker().engine().outbox().get(0).recordId();
    }

    /**
     * Opens the inbox as the home's bell tile does. The home rebuilds its rows when it reloads after a sync, and a
     * tap aimed at the tile while they grow lands on the row above it (the event report).
     */
    private void openInbox() {
        app.interact(() -> worker().ctx().shell().push(new InboxScreen(worker())));
        app.waitForScreen("inbox");
    }

    private Worker worker() {
        return app.app().worker();
    }

    private Optional<Draft> redoDraft(String rejected) {
        return worker().engine().drafts().list().stream()
                .filter(d -> worker().redos().rejectedOf(d.id()).filter(rejected::equals).isPresent()).findFirst();
    }

    private Optional<OutboxEntry> replacementOf(String rejected) {
        return worker().engine().outbox().stream().filter(e -> rejected.equals(e.corrects())).findFirst();
    }

    /** A started app syncs at once and rebuilds the home's rows: wait until they show this start's tasks. */
    private void waitForSettledHome() {
        app.waitUntil("this start's first sync, and no sync running", () -> worker().sync().status().get().lastReport() != null
                && !worker().sync().status().get().running());
        app.waitUntil("the home showing the synced tasks", () -> shownTasks().equals(todaysTasks()),
                () -> shownTasks() + " shown, " + todaysTasks() + " due");
    }

    private Set<String> shownTasks() {
        return app.lookup((Node n) -> n.getId() != null && n.getId().matches("task-[0-9]+") && n.getScene() != null).queryAll()
                .stream().map(Node::getId).collect(Collectors.toSet());
    }

    private Set<String> todaysTasks() {
        return worker().data().todaysTasks(LocalDate.now(WorkerData.CHINA)).stream()
                .map(t -> "task-" + JsonView.text(t, "id")).collect(Collectors.toSet());
    }
}
