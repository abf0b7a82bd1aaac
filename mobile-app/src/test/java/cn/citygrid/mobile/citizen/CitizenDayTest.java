package cn.citygrid.mobile.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.mobile.config.GeoPoint;
import cn.citygrid.mobile.testing.AppDriver;
import cn.citygrid.mobile.testing.Codes;
import cn.citygrid.mobile.testing.PhoneFixture;
import cn.citygrid.mobile.testing.Pictures;
import cn.citygrid.mobile.testing.RealPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A citizen's visit to the app against the real backend on its own PostgreSQL database: my household as the
 * platform knows it and "this is wrong"; check-in by scanning a place's QR code (decoded from a picture with ZXing),
 * where a forged copy is refused on the phone and nothing reaches the server; a 随手拍 report; who used my data.
 */
class CitizenDayTest {
    @TempDir
    Path dir;
    private RealPlatform platform;
    private PhoneFixture phone;
    private AppDriver app;
    private String account;
    private String person;

    @BeforeEach
    void start() throws Exception {
        platform = new RealPlatform(CitizenDayTest.class, dir, 600);
        account = platform.scalar("SELECT id FROM auth.account WHERE username = 'citizen'");
        person = platform.scalar("SELECT person_id FROM auth.account WHERE username = 'citizen'");
        List<String> home = platform.rows("""
                SELECT ST_X(h.geom), ST_Y(h.geom) FROM grid.household_member m JOIN grid.household hh ON hh.id = m.household_id
                JOIN grid.house h ON h.id = hh.house_id WHERE m.person_id = ?::bigint ORDER BY hh.id LIMIT 1""", person).get(0);
        phone = new PhoneFixture(dir, new GeoPoint(Double.parseDouble(home.get(0)), Double.parseDouble(home.get(1)), 8));
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
    void citizen_seesTheirHousehold_reportsItWrong_checksInWithARealCode_refusesAForgedOne_andReports() throws Exception {
        app.waitForScreen("sign-in");
        app.fill("username", "citizen");
        app.fill("password", RealPlatform.PASSWORD);
        app.waitForScreen("household");
        String address = platform.scalar("""
                SELECT h.address FROM grid.household_member m JOIN grid.household hh ON hh.id = m.household_id
                JOIN grid.house h ON h.id = hh.house_id WHERE m.person_id = ?::bigint ORDER BY hh.id LIMIT 1""", person);
        app.waitForText("household-address", address);
        String name = platform.scalar("SELECT name FROM grid.person WHERE id = ?::bigint", person);
        app.waitFor("member-" + name);
        app.shot("citizen-household");

        app.tap("household-wrong");
        app.fill("feedback-text", "我的手机号已更换");
        app.tap("feedback-send");
        eventually("the feedback is an open issue about me", () -> platform.scalar("""
                SELECT count(*) FROM gov.issue WHERE source = 'citizen_feedback' AND status = 'open' AND person_id = ?::bigint
                  AND message LIKE '我的手机号已更换%'""", person).equals("1"));

        String place = platform.scalar("SELECT id FROM grid.place ORDER BY id LIMIT 1");
        String other = platform.scalar("SELECT id FROM grid.place ORDER BY id DESC LIMIT 1");
        String placeName = platform.scalar("SELECT name FROM grid.place WHERE id = ?::bigint", place);
        String code = platform.http().get("/api/v1/placecodes/places/" + place, platform.login("admin")).json().getString("code");
        String forged = Codes.rewritten(code, "\"id\":\"" + place + "\"", "\"id\":\"" + other + "\"");

        app.tap("tab-checkin");
        phone.camera.willReturn(Pictures.qr(dir, "forged-poster", forged));
        app.tap("check-in-scan");
        app.waitForText("check-in-result", "此二维码未通过验证");
        assertThat(app.text("check-in-result")).contains("签名验证失败");
        app.shot("citizen-check-in-refused");
        assertThat(platform.scalar("SELECT count(*) FROM grid.check_in WHERE account_id = ?::bigint", account))
                .as("a forged code reaches nothing").isEqualTo("0");

        phone.camera.willReturn(Pictures.qr(dir, "poster", code));
        app.tap("check-in-scan");
        app.waitForText("check-in-result", "已签到：" + placeName);
        app.shot("citizen-check-in");
        assertThat(platform.rows("SELECT place_id, place_code FROM grid.check_in WHERE account_id = ?::bigint", account))
                .containsExactly(List.of(place, code));

        app.tap("tab-report");
        phone.camera.willReturn(Pictures.photo(dir, "streetlight"));
        app.tap("report-photo");
        app.interact(() -> app.lookup("#report-category").queryAs(ComboBox.class).getSelectionModel().select("municipal"));
        app.fill("report-description", "小区门口路灯坏了，晚上很黑");
        app.tap("report-send");
        app.waitForText("report-result", "已提交");
        List<String> event = platform.rows("""
                SELECT category, status, description, cardinality(attachments) FROM grid.event WHERE reported_by = ?::bigint""",
                account).get(0);
        assertThat(event).containsExactly("municipal", "reported", "小区门口路灯坏了，晚上很黑", "1");
        app.shot("citizen-report");

        app.tap("tab-access");
        app.waitFor("access-0");
        String firstRead = app.from(app.lookup("#access-0").queryAs(javafx.scene.Parent.class))
                .lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled).queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).reduce("", (a, b) -> a + " " + b);
        assertThat(firstRead).as("my own household read, logged").contains("本人", "本人查询");
        app.shot("citizen-data-access");
    }

    /** Waits for a condition that queries the database: polled off the FX thread. */
    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(AppDriver.WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }
}
