package cn.citygrid.mobile.worker;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.config.GeoPoint;
import cn.citygrid.mobile.testing.AppDriver;
import cn.citygrid.mobile.testing.PhoneFixture;
import cn.citygrid.mobile.testing.RealPlatform;
import cn.citygrid.mobile.testing.Supervisor;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.RadioButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What happens to a worker after the first day's sync, against the real backend on its own database: the app is
 * killed and opens again only with the PIN, with the unfinished form offered as a draft; a record the server
 * rejects shows why and its redo is accepted; a task assigned later arrives with "sync now" in the inbox.
 */
class WorkerNextDayTest {
    private static final String PIN = "246810";
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    /** One platform for the class (seeding a city takes most of a test's time); each test enrolls a phone of its own. */
    private static RealPlatform platform;
    private static Supervisor supervisor;
    private static List<String> homes;
    private static String todaysTask;
    private AppDriver app;

    @BeforeAll
    static void platform() throws Exception {
        platform = new RealPlatform(WorkerNextDayTest.class, shared, 600);
        supervisor = new Supervisor(platform);
        String grid = platform.workerGrid();
        homes = platform.rows("""
                SELECT h.id FROM grid.house h JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL
                WHERE h.grid_code = ? GROUP BY h.id HAVING count(*) BETWEEN 1 AND 3 ORDER BY h.id LIMIT 3""", grid)
                .stream().map(row -> row.get(0)).toList();
        assertThat(homes).hasSize(3);
        todaysTask = supervisor.assignVisit("入户走访", homes.get(0), LocalDate.now(WorkerData.CHINA));
    }

    @AfterAll
    static void closePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void phone() throws Exception {
        // The phone stands at the last home's door, so its position dot covers neither of the others.
        List<String> door = platform.rows("SELECT ST_X(geom), ST_Y(geom) FROM grid.house WHERE id = ?::bigint", homes.get(2)).get(0);
        PhoneFixture phone = new PhoneFixture(dir, new GeoPoint(Double.parseDouble(door.get(0)), Double.parseDouble(door.get(1)), 6));
        app = new AppDriver(phone.config(platform.baseUri(), platform.logKey(), platform.placeCodeKeys()), phone.device);
        app.start();
        supervisor.enrollWorker(app, PIN);
        app.waitUntil("first sync", () -> worker().sync().status().get().lastSync() != null, () -> worker().sync().status().get());
    }

    @AfterEach
    void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    private Worker worker() {
        return app.app().worker();
    }

    @Test
    void killedApp_opensOnlyWithItsPin_andOffersTheUnfinishedFormWithItsAnswers() throws Exception {
        String house = homes.get(1);
        app.tap("tab-map");
        app.waitFor("house-" + house);
        tapDot("house-" + house);
        app.waitForScreen("house");
        app.waitForText("house-address", platform.scalar("SELECT address FROM grid.house WHERE id = ?::bigint", house));
        List<String> resident = platform.rows("""
                SELECT p.id, p.id_number_mask, p.phone_mask FROM grid.residence r JOIN grid.person p ON p.id = r.person_id
                WHERE r.house_id = ?::bigint AND r.until IS NULL AND p.phone_mask IS NOT NULL ORDER BY p.id LIMIT 1""", house).get(0);
        app.waitFor("resident-" + resident.get(0));
        assertThat(resident.get(1)).as("the server's mask").contains("*");
        assertThat(app.texts("resident-" + resident.get(0))).as("the resident as the server sent them")
                .contains(resident.get(1), resident.get(2));

        app.tap("start-visit");
        app.waitForScreen("form");
        app.waitForText("q-visit-house_id-input", house);
        app.tap("form-next");
        app.waitUntil("the missing result named under its question",
                () -> !Optional.ofNullable(app.text("q-visit-visit_result-error")).orElse("").isEmpty());
        app.fill("q-visit-house_id-input", "12ab");
        app.waitForText("q-visit-house_id-error", "房屋编号应为 1 至 18 位数字");
        app.shot("form-invalid");
        app.tap("form-next");
        assertThat(app.visible("q-visit-house_id-input")).as("an invalid page is not left").isTrue();
        app.fill("q-visit-house_id-input", house);
        app.waitUntil("the message gone with the mistake", () -> "".equals(app.text("q-visit-house_id-error")));
        app.waitUntil("the answers so far committed as a draft", () -> draft().map(d -> String.valueOf(answer(d, "visit", "house_id")))
                .filter(house::equals).isPresent());
        String draftId = draft().orElseThrow().id();
        // The last answer comes just before the app goes: its queued write must still reach the phone's database.
        app.tap("q-visit-visit_result-nobody_home");
        app.restart();
        app.waitForScreen("pin-unlock");
        assertThat(worker()).as("nothing unlocked before the PIN").isNull();
        app.fill("pin", "135790");
        app.waitForText("pin-error", "PIN 码不正确");
        app.shot("pin-unlock");
        assertThat(app.screen()).isEqualTo("screen-pin-unlock");
        assertThat(worker()).as("a wrong PIN unlocks nothing").isNull();
        app.fill("pin", PIN);
        app.waitForScreen("home");
        waitForSettledHome();

        app.tap("draft-" + draftId);
        app.waitForScreen("form");
        app.waitForText("q-visit-house_id-input", house);
        app.waitUntil("the chosen result restored",
                () -> ((RadioButton) app.node("q-visit-visit_result-nobody_home").orElseThrow()).isSelected());
    }

    @Test
    void recordTheServerRejects_showsWhyInTheOutbox_andItsRedoIsAccepted() throws Exception {
        app.tap("task-" + todaysTask);
        app.waitForScreen("house");
        app.tap("start-visit");
        app.waitForScreen("form");
        app.tap("q-visit-visit_result-nobody_home");
        app.tap("form-next");
        // A note pasted far beyond what one record may carry: the phone signs it, the server refuses it (256 KiB).
        app.fill("q-wrap_up-notes-input", "Boxes stacked in the stairwell again. ".repeat(8_000));
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("house");
        app.waitUntil("the record rejected by the server", () -> worker().engine().outbox().stream()
                .anyMatch(e -> e.state() == OutboxState.rejected), () -> worker().engine().outbox());
        OutboxEntry rejected = worker().engine().outbox().get(0);
        assertThat(rejected.problem().type()).endsWith("record-too-large");
        assertThat(platform.rows("SELECT 1 FROM ledger.record WHERE id = ?", rejected.recordId())).as("nothing stored").isEmpty();

        app.tap("tab-outbox");
        app.waitForText("state-" + rejected.recordId(), "已拒绝");
        assertThat(app.texts("record-" + rejected.recordId())).contains("拒绝原因：单条记录不能超过 256 KiB");
        app.tap("record-" + rejected.recordId());
        app.waitForScreen("record");
        app.waitForText("record-detail", "单条记录不能超过 256 KiB");
        app.shot("record-rejected");
        app.tap("record-redo");
        app.waitForScreen("form");
        app.waitFor("redoing");
        app.waitForText("q-visit-house_id-input", homes.get(0));
        app.tap("form-next");
        app.waitForText("q-wrap_up-notes-input", "Boxes stacked in the stairwell again.");
        app.fill("q-wrap_up-notes-input", "楼道堆放杂物，已提醒住户清理");
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("record");
        app.waitUntil("the correction accepted with a verified receipt", () -> correctionOf(rejected.recordId())
                .filter(e -> e.state() == OutboxState.accepted && e.receiptState() == ReceiptState.verified).isPresent(),
                () -> worker().engine().outbox());
        String correction = correctionOf(rejected.recordId()).orElseThrow().recordId();
        app.waitForText("record-replaced", correction);
        assertThat(app.visible("record-redo")).as("a replaced record is not redone twice").isFalse();
        assertThat(platform.scalar("SELECT convert_from(canonical, 'UTF8') FROM ledger.record WHERE id = ?", correction))
                .as("the stored correction").contains("\"corrects\":\"" + rejected.recordId() + "\"", "已提醒住户清理");

        app.tap("tab-outbox");
        app.waitForText("state-" + correction, "已存证");
        app.tap("record-" + correction);
        app.waitFor("receipt-leaf");
        assertThat(app.texts("screen-record")).contains("替代被拒绝的记录：" + rejected.recordId());
        app.shot("record-receipt");
        app.tap("tab-home");
        app.tap("open-inbox");
        app.waitFor("note-" + rejected.recordId());
        assertThat(app.texts("note-" + rejected.recordId())).contains("记录被拒绝", "单条记录不能超过 256 KiB");
    }

    @Test
    void taskAssignedAfterTheFirstSync_arrivesWithSyncNow_andIsInTheInboxInEitherLanguage() throws Exception {
        String title = "复访：独居老人";
        String task = supervisor.assignVisit(title, homes.get(1), LocalDate.now(WorkerData.CHINA));
        // After a completed sync the engine waits its idle interval (15 min): only "sync now" fetches the task.
        assertThat(onFx(() -> worker().taskIds())).doesNotContain(task);
        app.tap("sync-now");
        app.waitFor("task-" + task);
        assertThat(app.texts("task-" + task)).contains(title);
        app.waitUntil("the assignment in the inbox", () -> worker().inbox().notes().stream()
                .anyMatch(n -> task.equals(n.target())), () -> worker().inbox().notes());
        app.tap("open-inbox");
        app.waitForScreen("inbox");
        assertThat(app.texts("note-" + task)).contains("新任务", title, "任务");
        app.shot("inbox");

        app.tap("language");
        app.waitForText("title", "Messages");
        assertThat(app.texts("note-" + task)).contains("New task", title, "Task").doesNotContain("新任务");
        app.tap("back");
        app.waitForText("title", "Home");
        assertThat(app.text("sync-now")).isEqualTo("Sync now");
        assertThat(app.texts("tab-outbox")).contains("Sync");
        app.shot("home-en");
        app.tap("language");
        app.waitForText("title", "首页");
        assertThat(app.text("sync-now")).isEqualTo("立即同步");
    }

    private Optional<OutboxEntry> correctionOf(String recordId) {
        return worker().engine().outbox().stream().filter(e -> recordId.equals(e.corrects())).findFirst();
    }

    /**
     * A started app syncs at once, and tasks that sync changes (another phone's visit closed one) move the rows
     * below them: wait until the home shows the tasks of this start's first sync before tapping a row.
     */
    private void waitForSettledHome() {
        app.waitUntil("this start's first sync", () -> worker().sync().status().get().lastReport() != null);
        app.waitUntil("the home showing the synced tasks", () -> shownTasks().equals(todaysTasks()),
                () -> shownTasks() + " shown, " + todaysTasks() + " due");
    }

    private java.util.Set<String> shownTasks() {
        return app.lookup((Node n) -> n.getId() != null && n.getId().matches("task-[0-9]+") && n.getScene() != null).queryAll()
                .stream().map(Node::getId).collect(java.util.stream.Collectors.toSet());
    }

    private java.util.Set<String> todaysTasks() {
        return worker().data().todaysTasks(LocalDate.now(WorkerData.CHINA)).stream()
                .map(t -> "task-" + cn.citygrid.mobile.api.JsonView.text(t, "id")).collect(java.util.stream.Collectors.toSet());
    }

    /** Taps a house's dot on the map where nothing (legend, zoom, my position, another dot) lies over its centre. */
    private void tapDot(String id) throws Exception {
        Node dot = app.node(id).orElseThrow();
        Point2D centre = onFx(() -> {
            Bounds b = dot.localToScene(dot.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        assertThat(onFx(() -> coveredAt(dot, centre))).as("what lies over " + id).isEmpty();
        app.clickOn(onFx(() -> dot.getScene().getRoot().localToScreen(centre)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Nodes drawn after {@code node} (siblings of it or of its ancestors) that contain the scene point. */
    private static List<String> coveredAt(Node node, Point2D scene) {
        List<String> over = new java.util.ArrayList<>();
        for (Node n = node; n.getParent() != null; n = n.getParent()) {
            Parent p = n.getParent();
            List<Node> kids = p.getChildrenUnmodifiable();
            for (Node later : kids.subList(kids.indexOf(n) + 1, kids.size())) {
                boolean hit = later.isPickOnBounds() ? later.localToScene(later.getBoundsInLocal()).contains(scene)
                        : later.contains(later.sceneToLocal(scene));
                if (hit && later.isVisible() && !later.isMouseTransparent()) {
                    over.add(String.valueOf(later.getId()));
                }
            }
        }
        return over;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private Optional<Draft> draft() {
        return worker().engine().drafts().list().stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Object answer(Draft d, String group, String field) {
        return ((Map<String, Object>) d.data().getOrDefault(group, Map.of())).get(field);
    }
}
