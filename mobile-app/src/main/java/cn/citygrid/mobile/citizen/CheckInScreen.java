package cn.citygrid.mobile.citizen;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.qr.PlaceCodeTrust;
import cn.citygrid.mobile.qr.QrImages;
import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import java.time.Instant;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Check in at a place: scan its code (verified offline first, so a forged poster is refused before anything is
 * sent), then send the code and my position to the platform.
 */
public final class CheckInScreen implements Screen {
    private final AppContext ctx;
    private final CitizenApi api;
    private final PlaceCodeTrust trust;
    private final Label result = new Label();

    CheckInScreen(AppContext ctx, CitizenApi api, PlaceCodeTrust trust) {
        this.ctx = ctx;
        this.api = api;
        this.trust = trust;
    }

    @Override
    public String name() {
        return "check-in";
    }

    @Override
    public String title() {
        return ctx.t("checkin.title");
    }

    @Override
    public Node view() {
        result.setId("check-in-result");
        result.setWrapText(true);
        result.getStyleClass().setAll("label", "body");
        return Ui.page(Ui.card(ctx.t("checkin.heading"), Ui.text(ctx.t("checkin.explain"), "body"),
                Ui.primary("check-in-scan", ctx.t("scan.take"), this::scan), result));
    }

    private record Scanned(String text, Optional<PlaceCodeCheck> check) {}

    private void scan() {
        ctx.device().camera().takePhoto(ctx.shell().root().getScene().getWindow(), picture -> picture.ifPresent(p ->
                ctx.background().run(() -> {
                    Optional<String> text = QrImages.decode(p);
                    return new Scanned(text.orElse(null), text.map(trust::verify));
                }, this::scanned, e -> refused(ctx.describe(e)))));
    }

    private void scanned(Scanned s) {
        if (s.check().isEmpty()) {
            refused(ctx.t("scan.noCode"));
        } else if (s.check().get() instanceof PlaceCodeCheck.Refused r) {
            refused(ctx.t("scan.refused") + "\n" + ctx.t("scan.refused.reason", ctx.t("scan.why." + r.why().name())));
        } else {
            result.getStyleClass().setAll("label", "body");
            result.setText(ctx.t("checkin.sending"));
            ctx.background().run(() -> api.checkIn(s.text(), ctx.device().locator().current()
                    .orElseThrow(() -> new IllegalStateException(ctx.t("form.noPosition")))), r -> {
                        result.getStyleClass().setAll("label", "ok-text");
                        result.setText(ctx.t("checkin.done", text(r, "placeName").isEmpty() ? text(r, "placeId")
                                : text(r, "placeName"), Format.time(Instant.now())));
                    }, e -> refused(ctx.describe(e)));
        }
    }

    private void refused(String why) {
        result.getStyleClass().setAll("label", "refusal");
        result.setText(why);
    }
}
