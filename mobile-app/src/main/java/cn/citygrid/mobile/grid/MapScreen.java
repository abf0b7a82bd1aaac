package cn.citygrid.mobile.grid;

import cn.citygrid.mobile.shell.Format;
import cn.citygrid.mobile.shell.Live;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.VisitStatus;
import cn.citygrid.mobile.worker.Worker;
import java.time.LocalDate;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** My grid: the offline map with a legend, zoom buttons and the houses of a tapped building. */
public final class MapScreen implements Screen, Live {
    static final double MAP_W = 360;
    static final double MAP_H = 664;
    private final Worker worker;
    private final GridMap map = new GridMap();
    private final Label summary = new Label();

    public MapScreen(Worker worker) {
        this.worker = worker;
    }

    @Override
    public String name() {
        return "map";
    }

    @Override
    public String title() {
        return worker.ctx().t("map.title");
    }

    @Override
    public Node view() {
        var ctx = worker.ctx();
        map.setId("grid-map");
        map.setPrefSize(MAP_W, MAP_H);
        VBox legend = new VBox(3);
        legend.getStyleClass().add("map-legend");
        for (VisitStatus s : VisitStatus.values()) {
            Circle dot = new Circle(5, Color.web(s.colour()));
            legend.getChildren().add(new HBox(6, dot, new Label(ctx.t(s.key()))));
        }
        summary.setId("map-summary");
        legend.getChildren().add(summary);
        VBox zoom = new VBox(8, Ui.button("zoom-in", "+", "secondary", () -> map.zoom(1.5)),
                Ui.button("zoom-out", "−", "secondary", () -> map.zoom(1 / 1.5)));
        StackPane stack = new StackPane(map, legend, zoom);
        StackPane.setAlignment(legend, Pos.TOP_LEFT);
        StackPane.setAlignment(zoom, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(legend, new Insets(8));
        StackPane.setMargin(zoom, new Insets(12));
        legend.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        zoom.setMaxSize(56, Region.USE_PREF_SIZE);
        reload();
        return stack;
    }

    @Override
    public void reload() {
        var ctx = worker.ctx();
        ctx.background().run(() -> MapData.load(worker.data(), LocalDate.now(Format.CHINA)), data -> {
            map.show(data, ctx.device().locator().current().orElse(null), MAP_W, MAP_H,
                    id -> ctx.shell().push(new HouseScreen(worker, id)), this::building);
            long houses = data.buildings().stream().mapToLong(b -> b.houses().size()).sum();
            summary.setText(ctx.t("map.summary", data.grids().size(), data.buildings().size(), houses));
            if (data.buildings().isEmpty()) {
                ctx.shell().toast(ctx.t("map.empty"));
            }
        }, e -> ctx.shell().toast(ctx.describe(e)));
    }

    private void building(MapData.Building b) {
        var ctx = worker.ctx();
        VBox list = new VBox(6);
        var scroll = Ui.page(list);
        scroll.setPrefHeight(420);
        var dialog = ctx.shell().dialog(b.name(), scroll);
        for (MapData.House h : b.houses()) {
            list.getChildren().add(Ui.tile("building-house-" + h.id(), h.label(), ctx.t(h.status().key()),
                    new Circle(6, Color.web(h.status().colour())), () -> {
                        dialog.close();
                        ctx.shell().push(new HouseScreen(worker, h.id()));
                    }));
        }
        dialog.button("building-close", ctx.t("common.close"), false, () -> { });
    }
}
