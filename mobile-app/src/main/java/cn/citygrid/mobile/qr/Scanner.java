package cn.citygrid.mobile.qr;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.layout.VBox;

/**
 * Scanning a house or place code: a picture from the camera (or a file on the desktop), decoded with ZXing and
 * verified offline against the trusted keys, in the background. A valid code goes to {@code opened}; anything else
 * is refused with a dialog that says why (no code in the picture, not a CityGrid code, signature does not verify).
 */
public final class Scanner {
    private Scanner() {
    }

    public static void scan(AppContext ctx, PlaceCodeTrust trust, Consumer<PlaceCode> opened) {
        ctx.device().camera().takePhoto(ctx.shell().root().getScene().getWindow(), picture -> picture.ifPresent(p ->
                ctx.background().run(() -> QrImages.decode(p).map(trust::verify), check -> show(ctx, check, opened),
                        e -> refuse(ctx, ctx.describe(e)))));
    }

    private static void show(AppContext ctx, Optional<PlaceCodeCheck> check, Consumer<PlaceCode> opened) {
        if (check.isEmpty()) {
            refuse(ctx, ctx.t("scan.noCode"));
        } else if (check.get() instanceof PlaceCodeCheck.Valid v) {
            opened.accept(v.code());
        } else if (check.get() instanceof PlaceCodeCheck.Refused r) {
            refuse(ctx, ctx.t("scan.refused.reason", ctx.t("scan.why." + r.why().name())));
        }
    }

    private static void refuse(AppContext ctx, String reason) {
        VBox body = new VBox(8, Ui.text("scan-refusal", ctx.t("scan.refused"), "refusal"), Ui.text(reason, "muted"));
        ctx.shell().dialog(ctx.t("scan.refused.title"), body).button("scan-ok", ctx.t("common.ok"), true, () -> { });
    }
}
