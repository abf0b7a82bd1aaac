package cn.citygrid.mobile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.forms.builtin.BuiltInForms;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** The demo supervisor of the worker {@code worker}, acting through the real API: approves the phone, assigns visits. */
public final class Supervisor {
    private final RealPlatform platform;
    private final String token;

    public Supervisor(RealPlatform platform) {
        this.platform = platform;
        this.token = platform.login("supervisor");
    }

    public String token() {
        return token;
    }

    /** A household visit of {@code houseId} for the worker, due {@code due}; returns the task's id. */
    public String assignVisit(String title, String houseId, LocalDate due) {
        Http.Response r = platform.http().postJson("/api/v1/tasks", token, new JsonObject().put("kind", "visit")
                .put("title", title).put("assignee", "worker").put("houseId", houseId).put("due", due.toString())
                .put("formId", BuiltInForms.HOUSEHOLD_VISIT).put("formVersion", BuiltInForms.VERSION));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return String.valueOf(r.json().getValue("id"));
    }

    /**
     * The worker signs in on a fresh phone, chooses {@code pin} (the phone makes its key and enrolls), and this
     * supervisor approves the pending device: the app reaches its home screen.
     */
    public void enrollWorker(AppDriver app, String pin) throws Exception {
        app.waitForScreen("sign-in");
        app.shot("sign-in");
        app.fill("username", "worker");
        app.fill("password", RealPlatform.PASSWORD);
        app.waitForScreen("pin-create");
        app.fill("pin", pin);
        app.fill("pin-confirm", pin);
        app.waitForScreen("waiting");
        app.shot("waiting");
        // The worker's one pending device: phones enrolled earlier (other tests on the same platform) are approved.
        String device = "SELECT d.id FROM ledger.device d JOIN auth.account a ON a.id = d.account_id "
                + "WHERE a.username = 'worker' AND d.status = 'pending'";
        // A database query: polled off the FX thread.
        WaitForAsyncUtils.waitFor(AppDriver.WAIT_SECONDS, TimeUnit.SECONDS, () -> platform.scalar(device) != null);
        String deviceId = platform.scalar(device);
        Http.Response approved = platform.http().postJson("/api/v1/devices/" + deviceId + "/approve", token, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        app.waitForScreen("home");
    }
}
