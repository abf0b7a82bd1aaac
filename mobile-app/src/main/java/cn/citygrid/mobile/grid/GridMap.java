package cn.citygrid.mobile.grid;

import cn.citygrid.mobile.config.GeoPoint;
import java.util.function.Consumer;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/**
 * The worker's grid drawn as JavaFX shapes from synced data — no internet tiles: grid outlines, buildings (grey
 * squares; tap for their houses), houses as dots coloured by visit status (tap for the house), my position (blue).
 * Lon/lat go through a local equirectangular projection fitted to the pane; drag pans, the scroll wheel or a pinch
 * zooms. Node ids: {@code house-<id>}, {@code building-<id>}, {@code grid-<code>}, {@code me}.
 */
public final class GridMap extends Pane {
    private static final double DOT = 4.5;
    private final Group world = new Group();
    private double minX;
    private double maxY;
    private double scale = 1;
    private double cosLat = 1;
    private double dragX;
    private double dragY;

    public GridMap() {
        getStyleClass().add("map-pane");
        getChildren().add(world);
        setClip(new Rectangle());
        layoutBoundsProperty().addListener((o, a, b) -> ((Rectangle) getClip()).setWidth(b.getWidth()));
        layoutBoundsProperty().addListener((o, a, b) -> ((Rectangle) getClip()).setHeight(b.getHeight()));
        setOnMousePressed(e -> {
            dragX = e.getX() - world.getTranslateX();
            dragY = e.getY() - world.getTranslateY();
        });
        setOnMouseDragged(e -> {
            world.setTranslateX(e.getX() - dragX);
            world.setTranslateY(e.getY() - dragY);
        });
        setOnScroll(e -> zoom(e.getDeltaY() > 0 ? 1.25 : 0.8));
        setOnZoom(e -> zoom(e.getZoomFactor()));
    }

    public void zoom(double factor) {
        double s = Math.max(0.5, Math.min(20, world.getScaleX() * factor));
        world.setScaleX(s);
        world.setScaleY(s);
    }

    /** Draws {@code data} fitted into {@code width} × {@code height} pixels. */
    public void show(MapData data, GeoPoint me, double width, double height, Consumer<String> onHouse,
                     Consumer<MapData.Building> onBuilding) {
        world.getChildren().clear();
        fit(data, me, width, height);
        for (MapData.Grid g : data.grids()) {
            for (var ring : g.rings()) {
                Polygon p = new Polygon();
                ring.forEach(xy -> p.getPoints().addAll(x(xy[0]), y(xy[1])));
                p.setFill(Color.web("#1565c0", 0.07));
                p.setStroke(Color.web("#1565c0"));
                p.setStrokeWidth(1.5);
                p.setId("grid-" + g.code());
                world.getChildren().add(p);
            }
            if (!g.rings().isEmpty() && !g.rings().get(0).isEmpty()) {
                double[] c = centroid(g.rings().get(0));
                Label name = new Label(g.name());
                name.setStyle("-fx-text-fill: #0d47a1; -fx-font-size: 11px;");
                name.relocate(x(c[0]) - 40, y(c[1]) - 8);
                world.getChildren().add(name);
            }
        }
        for (MapData.Building b : data.buildings()) {
            drawBuilding(b, onHouse, onBuilding);
        }
        if (me != null) {
            Circle dot = new Circle(x(me.lon()), y(me.lat()), 7, Color.web("#1e88e5"));
            dot.setStroke(Color.WHITE);
            dot.setStrokeWidth(2.5);
            dot.setId("me");
            world.getChildren().add(dot);
        }
    }

    private void drawBuilding(MapData.Building b, Consumer<String> onHouse, Consumer<MapData.Building> onBuilding) {
        double bx = x(b.lonLat()[0]);
        double by = y(b.lonLat()[1]);
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(b.houses().size())));
        double side = cols * DOT * 2.4 + 6;
        Rectangle r = new Rectangle(bx - side / 2, by - side / 2, side, side);
        r.setFill(Color.web("#cfd8dc"));
        r.setStroke(Color.web("#78909c"));
        r.setArcWidth(3);
        r.setArcHeight(3);
        r.setId("building-" + b.id());
        r.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isStillSincePress()) {
                onBuilding.accept(b);
            }
        });
        world.getChildren().add(r);
        for (int i = 0; i < b.houses().size(); i++) {
            MapData.House h = b.houses().get(i);
            double hx = bx - side / 2 + 3 + DOT * 1.2 + (i % cols) * DOT * 2.4;
            double hy = by - side / 2 + 3 + DOT * 1.2 + (i / cols) * DOT * 2.4;
            Circle c = new Circle(hx, hy, DOT, Color.web(h.status().colour()));
            c.setId("house-" + h.id());
            c.getStyleClass().add("house-" + h.status().name().toLowerCase(java.util.Locale.ROOT));
            c.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.isStillSincePress()) {
                    e.consume();
                    onHouse.accept(h.id());
                }
            });
            world.getChildren().add(c);
        }
    }

    private void fit(MapData data, GeoPoint me, double width, double height) {
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        java.util.List<double[]> points = new java.util.ArrayList<>();
        data.grids().forEach(g -> g.rings().forEach(points::addAll));
        data.buildings().forEach(b -> points.add(b.lonLat()));
        if (me != null) {
            points.add(new double[] {me.lon(), me.lat()});
        }
        if (points.isEmpty()) {
            return;
        }
        cosLat = Math.cos(Math.toRadians(points.get(0)[1]));
        for (double[] p : points) {
            x0 = Math.min(x0, p[0] * cosLat);
            x1 = Math.max(x1, p[0] * cosLat);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        double w = Math.max(x1 - x0, 1e-6);
        double h = Math.max(y1 - y0, 1e-6);
        scale = Math.min((width - 40) / w, (height - 40) / h);
        minX = x0 - (width / scale - w) / 2;
        maxY = y1 + (height / scale - h) / 2;
        world.setScaleX(1);
        world.setScaleY(1);
        world.setTranslateX(0);
        world.setTranslateY(0);
    }

    private double x(double lon) {
        return (lon * cosLat - minX) * scale;
    }

    private double y(double lat) {
        return (maxY - lat) * scale;
    }

    private static double[] centroid(java.util.List<double[]> ring) {
        double sx = 0;
        double sy = 0;
        for (double[] p : ring) {
            sx += p[0];
            sy += p[1];
        }
        return new double[] {sx / ring.size(), sy / ring.size()};
    }
}
