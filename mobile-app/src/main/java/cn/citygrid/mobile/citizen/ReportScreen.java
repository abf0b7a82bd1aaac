package cn.citygrid.mobile.citizen;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.mobile.config.GeoPoint;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javax.imageio.ImageIO;

/** 随手拍: a photo, a category, a description and the phone's position, sent as one report that becomes an event. */
public final class ReportScreen implements Screen {
    static final List<String> CATEGORIES = List.of("environment", "municipal", "public_security", "fire_safety", "dispute", "other");
    private static final int MAX_SIDE = 1280;
    private final AppContext ctx;
    private final CitizenApi api;
    private final ComboBox<String> category = new ComboBox<>();
    private final TextArea description = new TextArea();
    private final ImageView preview = new ImageView();
    private final Label result = new Label();
    private Path photo;

    ReportScreen(AppContext ctx, CitizenApi api) {
        this.ctx = ctx;
        this.api = api;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String title() {
        return ctx.t("report.title");
    }

    @Override
    public Node view() {
        category.setId("report-category");
        category.getItems().setAll(CATEGORIES);
        category.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String c) {
                return c == null ? "" : ctx.t("category." + c);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        category.setMaxWidth(Double.MAX_VALUE);
        category.setPromptText(ctx.t("report.category"));
        description.setId("report-description");
        description.setPromptText(ctx.t("report.description"));
        description.setPrefRowCount(4);
        description.setWrapText(true);
        preview.setId("report-preview");
        preview.setFitWidth(300);
        preview.setPreserveRatio(true);
        result.setId("report-result");
        result.setWrapText(true);
        GeoPoint at = ctx.device().locator().current().orElse(null);
        return Ui.page(Ui.card(ctx.t("report.heading"), Ui.button("report-photo", ctx.t("form.photo"), "secondary", this::photo),
                preview, category, description,
                Ui.text(at == null ? ctx.t("form.noPosition") : ctx.t("report.at", at.toGeopoint()), "muted"),
                Ui.primary("report-send", ctx.t("common.send"), this::send), result));
    }

    private void photo() {
        ctx.device().camera().takePhoto(ctx.shell().root().getScene().getWindow(), p -> p.ifPresent(file -> {
            photo = file;
            preview.setImage(new Image(file.toUri().toString(), 300, 0, true, true, true));
        }));
    }

    private void send() {
        String desc = description.getText().trim();
        if (photo == null || category.getValue() == null || desc.length() < 10) {
            result.getStyleClass().setAll("label", "error-text");
            result.setText(ctx.t("report.incomplete"));
            return;
        }
        Path file = photo;
        String cat = category.getValue();
        result.getStyleClass().setAll("label", "muted");
        result.setText(ctx.t("checkin.sending"));
        ctx.background().run(() -> api.report(cat, desc, ctx.device().locator().current()
                .orElseThrow(() -> new IllegalStateException(ctx.t("form.noPosition"))), jpeg(file)), r -> {
                    result.getStyleClass().setAll("label", "ok-text");
                    result.setText(ctx.t("report.sent", text(r, "id")));
                    description.clear();
                }, e -> {
                    result.getStyleClass().setAll("label", "error-text");
                    result.setText(ctx.describe(e));
                });
    }

    /** The photo as a JPEG at most {@value #MAX_SIDE} px on its long side (a phone photo is too big for one request). */
    static byte[] jpeg(Path file) throws IOException {
        BufferedImage in = ImageIO.read(file.toFile());
        if (in == null) {
            throw new IOException("not a picture: " + file.getFileName());
        }
        double f = Math.min(1, (double) MAX_SIDE / Math.max(in.getWidth(), in.getHeight()));
        BufferedImage out = new BufferedImage((int) Math.round(in.getWidth() * f), (int) Math.round(in.getHeight() * f),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        return bytes.toByteArray();
    }
}
