package cn.citygrid.mobile.shell;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The phone frame: app bar (back, title, status chip, language), the current screen, bottom navigation, and an
 * overlay for toasts and dialogs (in-scene, never new windows). Screens are pushed and popped on a back stack;
 * choosing a tab starts a new stack. FX thread only.
 */
public final class Shell {
    public static final double WIDTH = 360;
    public static final double HEIGHT = 780;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final Label title = new Label();
    private final Button back = new Button("‹");
    private final Label status = new Label();
    private final Button language = new Button();
    private final HBox nav = new HBox();
    private final VBox toasts = new VBox(6);
    private final Deque<Screen> stack = new ArrayDeque<>();
    private List<Tab> tabs = List.of();
    private String activeTab;
    private I18n i18n;
    private Consumer<I18n> onLanguage = l -> { };

    public Shell(I18n i18n) {
        this.i18n = i18n;
        root.getStyleClass().add("app");
        root.setPrefSize(WIDTH, HEIGHT);
        back.getStyleClass().add("app-bar-back");
        back.setId("back");
        back.setOnAction(e -> back());
        title.getStyleClass().add("app-bar-title");
        title.setId("title");
        status.getStyleClass().add("status-chip");
        status.setId("connectivity");
        status.setVisible(false);
        language.getStyleClass().add("app-bar-action");
        language.setId("language");
        language.setOnAction(e -> switchLanguage());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, back, title, grow, status, language);
        bar.getStyleClass().add("app-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        nav.getStyleClass().add("bottom-nav");
        frame.setTop(bar);
        frame.setBottom(nav);
        toasts.getStyleClass().add("toasts");
        toasts.setAlignment(Pos.BOTTOM_CENTER);
        toasts.setMouseTransparent(true);
        toasts.setPickOnBounds(false);
        root.getChildren().addAll(frame, toasts);
        updateChrome();
    }

    public Parent root() {
        return root;
    }

    public I18n i18n() {
        return i18n;
    }

    public void onLanguageChange(Consumer<I18n> listener) {
        this.onLanguage = listener;
    }

    /** Shows {@code screen} as the only screen, without tabs (sign-in, PIN, waiting). */
    public void replace(Screen screen) {
        setTabs(List.of(), null);
        clearStack();
        push(screen);
    }

    /** Sets the bottom navigation and opens {@code first}. */
    public void setTabs(List<Tab> newTabs, String first) {
        tabs = List.copyOf(newTabs);
        activeTab = null;
        if (first != null) {
            openTab(first);
        } else {
            buildNav();
        }
    }

    public void openTab(String id) {
        Tab tab = tabs.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tab " + id));
        activeTab = id;
        clearStack();
        push(tab.screen().get());
        buildNav();
    }

    public void push(Screen screen) {
        stack.push(screen);
        showTop();
    }

    public void back() {
        if (stack.size() > 1) {
            stack.pop().onHide();
            showTop();
        }
    }

    /** The screen on top of the stack. */
    public Screen current() {
        return stack.peek();
    }

    /** Rebuilds the current screen's view (after data changed or the language switched). */
    public void refresh() {
        showTop();
    }

    /** The connectivity chip; null hides it. */
    public void status(String text, boolean good) {
        status.setVisible(text != null);
        status.setText(text);
        status.getStyleClass().removeAll("good", "bad");
        status.getStyleClass().add(good ? "good" : "bad");
    }

    /** A short message above the bottom navigation, gone after a few seconds. */
    public void toast(String message) {
        Label l = new Label(message);
        l.getStyleClass().add("toast");
        l.setWrapText(true);
        l.setMaxWidth(WIDTH - 32);
        toasts.getChildren().add(l);
        PauseTransition gone = new PauseTransition(Duration.seconds(4));
        gone.setOnFinished(e -> toasts.getChildren().remove(l));
        gone.play();
    }

    /** A modal card over the screen; {@link Dialog#close()} removes it. */
    public Dialog dialog(String heading, Node body) {
        Dialog d = new Dialog(this, heading, body);
        root.getChildren().add(d.node());
        return d;
    }

    void remove(Node overlay) {
        root.getChildren().remove(overlay);
    }

    private void switchLanguage() {
        i18n = I18n.of(i18n.english() ? "zh" : "en");
        onLanguage.accept(i18n);
        buildNav();
        showTop();
    }

    private void clearStack() {
        while (!stack.isEmpty()) {
            stack.pop().onHide();
        }
    }

    private void showTop() {
        Screen s = stack.peek();
        if (s == null) {
            return;
        }
        Node view = s.view();
        view.setId("screen-" + s.name());
        view.getStyleClass().add("screen");
        frame.setCenter(view);
        updateChrome();
    }

    private void updateChrome() {
        Screen s = stack.peek();
        title.setText(s == null ? i18n.t("app.name") : s.title());
        back.setVisible(stack.size() > 1);
        back.setManaged(stack.size() > 1);
        language.setText(i18n.english() ? "中文" : "EN");
    }

    private void buildNav() {
        nav.getChildren().clear();
        nav.setVisible(!tabs.isEmpty());
        nav.setManaged(!tabs.isEmpty());
        for (Tab t : tabs) {
            Label glyph = new Label(t.glyph());
            glyph.getStyleClass().add("nav-glyph");
            Label label = new Label(i18n.t(t.labelKey()));
            Button b = new Button(null, new VBox(0, glyph, label));
            ((VBox) b.getGraphic()).setAlignment(Pos.CENTER);
            b.setId("tab-" + t.id());
            b.getStyleClass().add("nav-item");
            if (t.id().equals(activeTab)) {
                b.getStyleClass().add("active");
            }
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setOnAction(e -> openTab(t.id()));
            nav.getChildren().add(b);
        }
    }
}
