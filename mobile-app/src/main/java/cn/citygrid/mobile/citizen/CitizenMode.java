package cn.citygrid.mobile.citizen;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.account.Session;
import cn.citygrid.mobile.qr.PlaceCodeTrust;
import cn.citygrid.mobile.shell.Tab;
import java.util.List;

/**
 * Citizen mode (智慧APP 政务服务): my household, check in by scanning a place code, 随手拍 reports, who used my
 * data. Online services; the session is held in memory only (no device key, nothing signed on the phone).
 */
public final class CitizenMode {
    private CitizenMode() {
    }

    public static void start(AppContext ctx, Session session) {
        CitizenApi api = new CitizenApi(session);
        PlaceCodeTrust trust = new PlaceCodeTrust(ctx.config().placeCodeKeys(), null);
        ctx.shell().status(null, true);
        ctx.shell().setTabs(List.of(
                new Tab("household", "tab.household", "⌂", () -> new HouseholdScreen(ctx, api)),
                new Tab("checkin", "tab.checkin", "▣", () -> new CheckInScreen(ctx, api, trust)),
                new Tab("report", "tab.report", "◉", () -> new ReportScreen(ctx, api)),
                new Tab("access", "tab.access", "☰", () -> new DataAccessScreen(ctx, api))), "household");
    }
}
