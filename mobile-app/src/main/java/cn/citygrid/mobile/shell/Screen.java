package cn.citygrid.mobile.shell;

import javafx.scene.Node;

/**
 * One screen of the app. {@link #view()} builds its nodes (called again after a language switch or a
 * {@link Shell#refresh()}); {@link #title()} is the app bar's text; {@link #onHide()} releases what it holds.
 */
public interface Screen {
    String title();

    Node view();

    /** A stable name, also the id of the screen's root node ({@code #screen-home}) for tests. */
    String name();

    default void onHide() {
    }
}
