package cn.citygrid.mobile.worker;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.testing.AppDriver;
import cn.citygrid.mobile.testing.DemoGrid;
import cn.citygrid.mobile.testing.FakePlatform;
import cn.citygrid.mobile.testing.PhoneFixture;
import cn.citygrid.mobile.testing.Pictures;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.outbox.OutboxState;
import cn.citygrid.sync.client.outbox.ReceiptState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's day against the platform test double: enrollment, first sync, a visit made offline, sync when back. */
class WorkerDayTest {
    @TempDir
    Path dir;
    private FakePlatform platform;
    private PhoneFixture phone;
    private AppDriver app;
    private final DemoGrid grid = new DemoGrid();

    @BeforeEach
    void start() throws Exception {
        platform = new FakePlatform(PhoneFixture.freePort());
        platform.sync.deviceStatus = "pending";
        grid.publish(platform.sync.feed);
        phone = new PhoneFixture(dir);
        app = new AppDriver(phone.config(platform.baseUri(), platform.sync.ledger.logKey(), List.of()), phone.device);
        app.start();
    }

    @AfterEach
    void stop() {
        app.close();
        platform.close();
    }

    @Test
    void visitMadeOffline_isUploadedWhenTheNetworkReturns_withAVerifiedReceipt() throws Exception {
        signInAndEnroll();
        app.waitUntil("first sync", () -> app.app().worker().sync().status().get().lastSync() != null);
        app.waitForText("task-count", "2");
        assertThat(app.text("visits-due")).isEqualTo("3");
        app.shot("home");

        app.tap("tab-map");
        app.waitFor("house-" + DemoGrid.HOUSE_DUE_TODAY);
        app.shot("map");

        platform.stop();
        app.tap("house-" + DemoGrid.HOUSE_DUE_TODAY);
        app.waitForScreen("house");
        app.waitFor("resident-10011");
        app.shot("house");
        app.tap("start-visit");
        app.waitForScreen("form");
        assertThat(app.text("q-visit-house_id-input")).isEqualTo(DemoGrid.HOUSE_DUE_TODAY);
        app.tap("q-visit-visit_result-at_home");
        app.shot("form");
        app.tap("form-next");
        for (int member = 0; member < 2; member++) {
            app.waitFor("q-members-" + member + "-present-yes");
            app.tap("q-members-" + member + "-present-yes");
            app.tap("form-next");
        }
        app.waitFor("form-skip-repeat");
        app.tap("form-skip-repeat");
        phone.camera.willReturn(Pictures.photo(dir, "door"));
        app.tap("q-wrap_up-photo-photo");
        app.waitUntil("photo answered", () -> app.text("q-wrap_up-photo-value").startsWith("photo-"));
        assertThat(app.text("q-wrap_up-location-value")).startsWith("22.5436");
        app.tap("form-next");
        app.tap("form-save");
        app.waitForScreen("house");

        Worker worker = app.app().worker();
        app.waitUntil("the visit in the outbox", () -> worker.engine().outbox().size() == 1);
        OutboxEntry visit = worker.engine().outbox().get(0);
        assertThat(visit.state()).isEqualTo(OutboxState.waiting);
        app.waitUntil("offline shown", () -> !worker.sync().status().get().online());

        platform.start();
        app.waitUntil("accepted with a verified receipt", () -> worker.engine().record(visit.recordId())
                .map(e -> e.state() == OutboxState.accepted && e.receiptState() == ReceiptState.verified).orElse(false));
        assertThat(platform.sync.ledger.stored(visit.recordId())).hasValueSatisfying(s ->
                assertThat(s.envelope().toJson()).isEqualTo(visit.envelope()));
        app.tap("tab-outbox");
        app.waitForText("state-" + visit.recordId(), "已存证");
        app.shot("outbox");
    }

    private void signInAndEnroll() {
        app.waitForScreen("sign-in");
        app.shot("sign-in");
        app.fill("username", "worker");
        app.fill("password", FakePlatform.PASSWORD);
        app.waitForScreen("pin-create");
        app.fill("pin", "246810");
        app.fill("pin-confirm", "246810");
        app.waitForScreen("waiting");
        app.shot("waiting");
        String deviceId = platform.deviceStatus.keySet().iterator().next();
        assertThat(platform.deviceStatus).containsEntry(deviceId, "pending");
        platform.approve(deviceId);
        app.waitForScreen("home");
    }
}
