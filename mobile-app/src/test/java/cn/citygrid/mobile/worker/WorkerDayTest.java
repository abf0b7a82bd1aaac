package cn.citygrid.mobile.worker;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.config.GeoPoint;
import cn.citygrid.mobile.testing.AppDriver;
import cn.citygrid.mobile.testing.Codes;
import cn.citygrid.mobile.testing.PhoneFixture;
import cn.citygrid.mobile.testing.Pictures;
import cn.citygrid.mobile.testing.RealPlatform;
import cn.citygrid.mobile.testing.Supervisor;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import cn.citygrid.sync.protocol.json.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's day against the real backend, started by the test on its own PostgreSQL database: sign in, enroll
 * the phone and have the supervisor approve it, first sync, then the backend stops (offline), the worker visits a
 * house (its door code scanned and verified offline, after a forged copy was refused) and fills the household-visit
 * form, the backend starts again on the same database and object folder, and
 * the record reaches the server's ledger with a receipt the phone verifies against the pinned log key.
 */
class WorkerDayTest {
    @TempDir
    Path dir;
    private RealPlatform platform;
    private PhoneFixture phone;
    private AppDriver app;
    private Supervisor supervisor;
    private List<String> house;
    private String neighbour;

    @BeforeEach
    void start() throws Exception {
        platform = new RealPlatform(WorkerDayTest.class, dir, 600);
        supervisor = new Supervisor(platform);
        String grid = platform.workerGrid();
        // Three occupied homes of the worker's grid with few residents, so the visit form stays short.
        List<List<String>> homes = platform.rows("""
                SELECT h.id, count(*) FROM grid.house h JOIN grid.residence r ON r.house_id = h.id AND r.until IS NULL
                WHERE h.grid_code = ? GROUP BY h.id HAVING count(*) BETWEEN 1 AND 3 ORDER BY h.id LIMIT 3""", grid);
        assertThat(homes).hasSize(3);
        house = homes.get(0);
        neighbour = homes.get(1).get(0);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        supervisor.assignVisit("入户走访（今日）", homes.get(0).get(0), today);
        supervisor.assignVisit("入户走访（逾期）", homes.get(1).get(0), today.minusDays(3));
        supervisor.assignVisit("入户走访（下周）", homes.get(2).get(0), today.plusDays(7));
        List<String> door = platform.rows("SELECT ST_X(geom), ST_Y(geom) FROM grid.house WHERE id = ?::bigint", house.get(0)).get(0);
        phone = new PhoneFixture(dir, new GeoPoint(Double.parseDouble(door.get(0)), Double.parseDouble(door.get(1)), 6));
        app = new AppDriver(phone.config(platform.baseUri(), platform.logKey(), platform.placeCodeKeys()), phone.device);
        app.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void visitMadeWhileTheBackendIsDown_reachesItsLedgerWhenItReturns_withAReceiptVerifiedOnThePhone() throws Exception {
        supervisor.enrollWorker(app, "246810");
        Worker worker = app.app().worker();
        app.waitUntil("first sync", () -> worker.sync().status().get().lastSync() != null, () -> worker.sync().status().get());
        app.waitForText("task-count", "2");
        assertThat(app.text("visits-due")).isEqualTo("3");
        app.shot("home");

        app.tap("tab-map");
        app.waitFor("house-" + house.get(0));
        app.shot("map");
        app.tap("tab-home");

        // The house's door code as printed by the platform, and a copy edited to name the neighbour's house.
        String doorCode = platform.http().get("/api/v1/placecodes/houses/" + house.get(0), supervisor.token()).json().getString("code");
        String forged = Codes.rewritten(doorCode, "\"id\":\"" + house.get(0) + "\"", "\"id\":\"" + neighbour + "\"");

        platform.stop();
        app.tap("tab-scan");
        phone.camera.willReturn(Pictures.qr(dir, "forged", forged));
        app.tap("scan-code");
        app.waitFor("scan-refusal");
        app.shot("scan-refused");
        app.tap("scan-ok");
        phone.camera.willReturn(Pictures.qr(dir, "door-code", doorCode));
        app.tap("scan-code");
        app.waitForScreen("house");
        String resident = platform.scalar("SELECT min(person_id) FROM grid.residence WHERE house_id = ?::bigint AND until IS NULL",
                house.get(0));
        app.waitFor("resident-" + resident);
        app.shot("house");
        app.tap("start-visit");
        app.waitForScreen("form");
        app.waitForText("q-visit-house_id-input", house.get(0));
        app.tap("q-visit-visit_result-at_home");
        app.shot("form");
        app.tap("form-next");
        int members = Integer.parseInt(house.get(1));
        for (int member = 0; member < members; member++) {
            app.waitFor("q-members-" + member + "-present-yes");
            app.tap("q-members-" + member + "-present-yes");
            app.tap("form-next");
        }
        app.waitFor("form-skip-repeat");
        app.tap("form-skip-repeat");
        phone.camera.willReturn(Pictures.photo(dir, "door"));
        app.tap("q-wrap_up-photo-photo");
        app.waitUntil("photo answered", () -> app.text("q-wrap_up-photo-value").startsWith("photo-"));
        assertThat(app.text("q-wrap_up-location-value")).startsWith(String.valueOf(phone.here.lat()).substring(0, 7));
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("house");

        app.waitUntil("the visit in the outbox", () -> worker.engine().outbox().size() == 1);
        OutboxEntry visit = worker.engine().outbox().get(0);
        assertThat(visit.state()).isEqualTo(OutboxState.waiting);
        app.waitUntil("offline shown", () -> !worker.sync().status().get().online());
        assertThat(platform.rows("SELECT 1 FROM ledger.record WHERE id = ?", visit.recordId())).as("nothing reached the server")
                .isEmpty();

        platform.start();
        app.waitUntil("accepted with a verified receipt", () -> worker.engine().record(visit.recordId())
                .map(e -> e.state() == OutboxState.accepted && e.receiptState() == ReceiptState.verified).orElse(false),
                () -> worker.engine().record(visit.recordId()) + " " + worker.sync().status().get());
        List<String> stored = platform.rows("""
                SELECT convert_from(r.canonical, 'UTF8'), r.device_id, a.username FROM ledger.record r
                JOIN auth.account a ON a.id = r.account_id WHERE r.id = ?""", visit.recordId()).get(0);
        assertThat(Json.parse(stored.get(0))).as("the envelope the server logged").isEqualTo(Json.parse(visit.envelope()));
        assertThat(stored.subList(1, 3)).containsExactly(worker.deviceId(), "worker");
        app.tap("tab-outbox");
        app.waitForText("state-" + visit.recordId(), "已存证");
        app.shot("outbox");
    }
}
