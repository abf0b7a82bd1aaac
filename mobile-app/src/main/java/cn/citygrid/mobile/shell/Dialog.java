package cn.citygrid.mobile.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A modal card drawn over the shell (a scrim and a card with a heading, a body and buttons). */
public final class Dialog {
    private final Shell shell;
    private final StackPane scrim = new StackPane();
    private final HBox buttons = new HBox(8);

    Dialog(Shell shell, String heading, Node body) {
        this.shell = shell;
        Label h = new Label(heading);
        h.getStyleClass().add("dialog-heading");
        h.setWrapText(true);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, h, body, buttons);
        card.getStyleClass().add("dialog");
        card.setMaxSize(Shell.WIDTH - 40, javafx.scene.layout.Region.USE_PREF_SIZE);
        scrim.getStyleClass().add("scrim");
        scrim.setId("dialog");
        scrim.getChildren().add(card);
    }

    Node node() {
        return scrim;
    }

    /** Adds a button; {@code action} runs and the dialog closes unless the action closes or keeps it itself. */
    public Dialog button(String id, String text, boolean primary, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(primary ? "primary" : "flat");
        b.setOnAction(e -> {
            close();
            action.run();
        });
        buttons.getChildren().add(b);
        return this;
    }

    public void close() {
        shell.remove(scrim);
    }
}
