package cn.citygrid.mobile.form;

import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.Question;
import cn.citygrid.mobile.shell.I18n;
import cn.citygrid.mobile.shell.Ui;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One question's controls: the label (with a red mark when required), hint, an input fitting its answer type, and
 * the place where its errors show. A committed value goes to {@code answer} in the payload's JSON spelling (numbers
 * as BigDecimal, multiple choices as a list); the form screen passes it to the session. Node ids are derived from
 * the pointer ({@code /visit/house_id} → {@code q-visit-house_id}) so tests can find them.
 */
final class QuestionView {
    /** What the screen does for inputs that need the phone: a photo, a position, a scan. */
    interface Actions {
        void photo(Question q);

        void locate(Question q);

        void scan(Question q);
    }

    private final Question q;
    private final I18n i18n;
    private final Consumer<Object> answer;
    private final Actions actions;
    private final Label error = new Label();
    private final VBox box = new VBox();

    QuestionView(Question q, I18n i18n, Consumer<Object> answer, Actions actions) {
        this.q = q;
        this.i18n = i18n;
        this.answer = answer;
        this.actions = actions;
        box.getStyleClass().add("question");
        box.setId(id(q.pointer()));
        Label label = Ui.text(q.label() == null ? q.pointer() : q.label(), "question-label");
        if (q.required()) {
            Label star = new Label(" *");
            star.getStyleClass().add("required-mark");
            box.getChildren().add(new HBox(label, star));
        } else {
            box.getChildren().add(label);
        }
        if (q.hint() != null && !q.hint().isBlank()) {
            box.getChildren().add(Ui.text(q.hint(), "question-hint"));
        }
        box.getChildren().add(input());
        error.setId(id(q.pointer()) + "-error");
        error.getStyleClass().setAll("label", "error-text");
        error.setWrapText(true);
        error.setManaged(false);
        box.getChildren().add(error);
    }

    static String id(String pointer) {
        return "q" + pointer.replace('/', '-');
    }

    Node node() {
        return box;
    }

    Question question() {
        return q;
    }

    void errors(List<FieldError> errors) {
        String text = String.join("\n", errors.stream().map(e -> e.message().in(i18n.tag())).toList());
        error.setText(text);
        error.setManaged(!text.isEmpty());
    }

    private Node input() {
        if (q.readOnly()) {
            return Ui.text(q.answer() == null ? "—" : String.valueOf(q.answer()), "body");
        }
        return switch (q.type()) {
            case SELECT_ONE -> selectOne();
            case SELECT_MULTIPLE -> selectMany();
            case INTEGER, DECIMAL -> text(s -> s.isEmpty() ? null : number(s));
            case DATE -> date();
            case GEOPOINT -> withButton(i18n.t("form.locate"), "locate", () -> actions.locate(q));
            case IMAGE, AUDIO, VIDEO, FILE -> withButton(i18n.t(q.type() == cn.citygrid.forms.xform.AnswerType.IMAGE
                    ? "form.photo" : "form.file"), "photo", () -> actions.photo(q));
            case BARCODE -> new VBox(6, text(s -> s), scanButton());
            default -> text(s -> s);
        };
    }

    private static Object number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private Node text(java.util.function.Function<String, Object> convert) {
        TextField f = new TextField(q.answer() == null ? "" : q.answer() instanceof BigDecimal d ? d.toPlainString()
                : String.valueOf(q.answer()));
        f.setId(id(q.pointer()) + "-input");
        Runnable commit = () -> {
            Object now = convert.apply(f.getText().trim());
            if (!java.util.Objects.equals(String.valueOf(now), String.valueOf(q.answer()))) {
                answer.accept(now);
            }
        };
        f.setOnAction(e -> commit.run());
        f.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit.run();
            }
        });
        return f;
    }

    private Node selectOne() {
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(2);
        for (Question.Choice c : q.choices()) {
            RadioButton r = new RadioButton(c.label());
            r.setId(id(q.pointer()) + "-" + c.value());
            r.setToggleGroup(group);
            r.setSelected(c.value().equals(q.answer()));
            r.setOnAction(e -> answer.accept(c.value()));
            choices.getChildren().add(r);
        }
        return choices;
    }

    private Node selectMany() {
        List<Object> current = q.answer() instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        FlowPane choices = new FlowPane(12, 2);
        for (Question.Choice c : q.choices()) {
            CheckBox b = new CheckBox(c.label());
            b.setId(id(q.pointer()) + "-" + c.value());
            b.setSelected(current.contains(c.value()));
            b.setOnAction(e -> {
                if (b.isSelected()) {
                    current.add(c.value());
                } else {
                    current.remove(c.value());
                }
                answer.accept(List.copyOf(current));
            });
            choices.getChildren().add(b);
        }
        return choices;
    }

    private Node date() {
        DatePicker p = new DatePicker(q.answer() == null ? null : LocalDate.parse(String.valueOf(q.answer())));
        p.setId(id(q.pointer()) + "-input");
        p.setOnAction(e -> answer.accept(p.getValue() == null ? null : p.getValue().toString()));
        return p;
    }

    private Node withButton(String text, String kind, Runnable action) {
        Label value = Ui.text(q.answer() == null ? i18n.t("form.none") : String.valueOf(q.answer()), "muted");
        value.setId(id(q.pointer()) + "-value");
        Button b = Ui.button(id(q.pointer()) + "-" + kind, text, "secondary", action);
        return new VBox(6, value, b);
    }

    private Node scanButton() {
        return Ui.button(id(q.pointer()) + "-scan", i18n.t("form.scan"), "secondary", () -> actions.scan(q));
    }
}
