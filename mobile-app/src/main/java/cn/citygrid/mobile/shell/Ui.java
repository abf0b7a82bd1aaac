package cn.citygrid.mobile.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The few building blocks every screen uses, so the look lives in app.css and not in screens. */
public final class Ui {
    private Ui() {
    }

    public static Label text(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }

    public static Label text(String id, String text, String styleClass) {
        Label l = text(text, styleClass);
        l.setId(id);
        return l;
    }

    public static Button button(String id, String text, String styleClass, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(styleClass);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> action.run());
        return b;
    }

    public static Button primary(String id, String text, Runnable action) {
        return button(id, text, "primary", action);
    }

    /** A white card with a title and content. */
    public static VBox card(String title, Node... content) {
        VBox card = new VBox(8);
        card.getStyleClass().add("card");
        if (title != null) {
            card.getChildren().add(text(title, "card-title"));
        }
        card.getChildren().addAll(content);
        return card;
    }

    /** A tappable list row: a title, a secondary line and an optional trailing badge (at least 56 px high). */
    public static HBox tile(String id, String title, String subtitle, Node trailing, Runnable action) {
        VBox texts = new VBox(2, text(title, "tile-title"));
        if (subtitle != null && !subtitle.isEmpty()) {
            texts.getChildren().add(text(subtitle, "tile-subtitle"));
        }
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox row = new HBox(8, texts);
        row.setId(id);
        row.getStyleClass().add("tile");
        row.setAlignment(Pos.CENTER_LEFT);
        if (trailing != null) {
            row.getChildren().add(trailing);
        }
        row.setOnMouseClicked(e -> action.run());
        return row;
    }

    public static Label badge(String text, String kind) {
        Label l = new Label(text);
        l.getStyleClass().addAll("badge", kind);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A vertical page of content that scrolls. */
    public static ScrollPane page(Node... children) {
        VBox box = new VBox(12, children);
        box.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    /** A page's VBox (for screens that add to it later). */
    public static VBox content(javafx.scene.control.ScrollPane page) {
        return (VBox) page.getContent();
    }
}
