package cn.citygrid.mobile.form;

import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormSession;
import cn.citygrid.forms.xform.Page;
import cn.citygrid.forms.xform.Question;
import cn.citygrid.forms.xform.StepResult;
import cn.citygrid.forms.xform.ValidationResult;
import cn.citygrid.mobile.qr.Scanner;
import cn.citygrid.mobile.shell.Screen;
import cn.citygrid.mobile.shell.Ui;
import cn.citygrid.mobile.worker.Worker;
import cn.citygrid.sync.client.draft.Draft;
import cn.citygrid.sync.protocol.record.FormRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Filling a form, one question group per page (field-forms' {@link FormSession}), messages in place under each
 * question. Every committed answer and page move saves the draft (one SQLite commit, in order), so a killed app
 * resumes where it was. Saving signs the record and puts it in the outbox in one step ({@code captureDraft}); a
 * redo of a rejected record is a draft like any other, captured as a new record naming the one it replaces.
 */
public final class FormScreen implements Screen {
    private final Worker worker;
    private final FormSession session;
    private final String draftId;
    private final String redoes;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final BorderPane root = new BorderPane();
    private final List<QuestionView> views = new ArrayList<>();
    private boolean saving;

    FormScreen(Worker worker, FormSession session, String draftId, List<Path> attachments, String redoes) {
        this.worker = worker;
        this.session = session;
        this.draftId = draftId;
        this.redoes = redoes;
        attachments.forEach(p -> files.put(p.getFileName().toString(), p));
        session.language(worker.ctx().i18n().tag());
    }

    @Override
    public String name() {
        return "form";
    }

    @Override
    public String title() {
        String key = "form.name." + session.form().id();
        String t = worker.ctx().t(key);
        return t.equals(key) ? session.form().title() : t;
    }

    @Override
    public Node view() {
        session.language(worker.ctx().i18n().tag());
        render();
        return root;
    }

    private void render() {
        Page page = session.page();
        views.clear();
        VBox content = new VBox(14);
        if (redoes != null) {
            content.getChildren().add(Ui.text("redoing", worker.ctx().t("form.redoing"), "muted"));
        }
        if (page.title() != null) {
            content.getChildren().add(Ui.text("page-title", page.title(), "card-title"));
        }
        switch (page.kind()) {
            case QUESTIONS -> questions(page, content);
            case ADD_REPEAT -> content.getChildren().add(Ui.text(worker.ctx().t("form.addRepeat", page.title()), "body"));
            case END -> content.getChildren().add(Ui.text("form-end", worker.ctx().t("form.end"), "body"));
        }
        root.setCenter(Ui.page(Ui.card(null, content)));
        root.setBottom(footer(page));
        root.getProperties().put("page", page.kind());
    }

    private void questions(Page page, VBox content) {
        for (Question q : page.questions()) {
            QuestionView v = new QuestionView(q, worker.ctx().i18n(), value -> answer(q, value), actions());
            views.add(v);
            content.getChildren().add(v.node());
            if (q.type() == cn.citygrid.forms.xform.AnswerType.GEOPOINT && q.answer() == null && !q.readOnly()) {
                worker.ctx().device().locator().current().ifPresent(p -> session.answer(q.pointer(), p.toGeopoint()));
            }
        }
    }

    private Node footer(Page page) {
        var ctx = worker.ctx();
        HBox bar = new HBox(8);
        bar.getStyleClass().add("form-footer");
        bar.getChildren().add(Ui.button("form-previous", ctx.t("form.previous"), "flat", this::previous));
        switch (page.kind()) {
            case QUESTIONS -> bar.getChildren().add(Ui.primary("form-next", ctx.t("form.next"), this::next));
            case ADD_REPEAT -> bar.getChildren().addAll(
                    Ui.button("form-skip-repeat", ctx.t("form.noMore"), "secondary", this::next),
                    Ui.primary("form-add-repeat", ctx.t("form.add"), () -> addRepeat(page.pointer())));
            case END -> bar.getChildren().add(Ui.primary("form-save", ctx.t("form.save"), this::save));
        }
        bar.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        return bar;
    }

    private QuestionView.Actions actions() {
        return new QuestionView.Actions() {
            @Override
            public void photo(Question q) {
                takePhoto(q);
            }

            @Override
            public void locate(Question q) {
                worker.ctx().device().locator().current().ifPresentOrElse(p -> answer(q, p.toGeopoint()),
                        () -> worker.ctx().shell().toast(worker.ctx().t("form.noPosition")));
            }

            @Override
            public void scan(Question q) {
                Scanner.scan(worker.ctx(), worker.trust(), code -> answer(q, code.id()));
            }
        };
    }

    private void answer(Question q, Object value) {
        List<String> before = session.page().questions().stream().map(Question::pointer).toList();
        List<FieldError> errors = session.answer(q.pointer(), value);
        List<String> after = session.page().questions().stream().map(Question::pointer).toList();
        if (!before.equals(after) || q.type().isBinary() || q.type() == cn.citygrid.forms.xform.AnswerType.GEOPOINT
                || q.type() == cn.citygrid.forms.xform.AnswerType.BARCODE) {
            render();
        }
        showErrors(errors, q.pointer());
        saveDraft();
    }

    /** Shows {@code errors} under their questions; {@code cleared} (if given) is emptied first. */
    private void showErrors(List<FieldError> errors, String cleared) {
        for (QuestionView v : views) {
            String p = v.question().pointer();
            List<FieldError> mine = errors.stream().filter(e -> e.field().equals(p)).toList();
            if (mine.isEmpty() && Objects.equals(p, cleared)) {
                v.errors(List.of());
            } else if (!mine.isEmpty()) {
                v.errors(mine);
            }
        }
    }

    private void next() {
        commitFocused();
        StepResult r = session.next();
        if (r.moved()) {
            render();
            saveDraft();
        } else {
            showErrors(r.errors(), null);
        }
    }

    private void previous() {
        commitFocused();
        session.previous();
        render();
    }

    private void addRepeat(String pointer) {
        session.addRepeat(pointer);
        render();
        saveDraft();
    }

    /** A text field commits when it loses focus; moving the focus away before a page move commits it. */
    private void commitFocused() {
        root.requestFocus();
    }

    private void takePhoto(Question q) {
        var ctx = worker.ctx();
        ctx.device().camera().takePhoto(root.getScene().getWindow(), picture -> picture.ifPresent(p ->
                ctx.background().run(() -> keep(p), kept -> {
                    files.put(kept.getFileName().toString(), kept);
                    answer(q, kept.getFileName().toString());
                }, e -> ctx.shell().toast(ctx.describe(e)))));
    }

    /** Copies a picture into the app's media folder under a unique name (the attachment's name in the record). */
    private Path keep(Path picture) throws java.io.IOException {
        Path dir = Files.createDirectories(worker.ctx().device().dataDir().resolve("media"));
        String name = picture.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(java.util.Locale.ROOT) : ".jpg";
        return Files.copy(picture, dir.resolve("photo-" + UUID.randomUUID() + ext), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The files the answers name now (a replaced photo is no longer one of them). */
    private List<Path> attachments() {
        String payload = cn.citygrid.sync.protocol.json.Json.write(session.toPayload());
        return files.values().stream().filter(p -> payload.contains("\"" + p.getFileName() + "\"")).toList();
    }

    private void saveDraft() {
        Draft d = new Draft(draftId, new FormRef(session.form().id(), session.form().version()), session.toPayload(),
                attachments(), Instant.now());
        worker.ctx().background().inOrder(() -> {
            worker.engine().drafts().save(d);
            return null;
        }, ok -> { }, e -> worker.ctx().shell().toast(worker.ctx().describe(e)));
    }

    private void save() {
        if (saving) {
            return;
        }
        List<Path> attachments = attachments();
        ValidationResult v = session.validate(attachments.stream().map(p -> p.getFileName().toString()).toList());
        if (!v.valid()) {
            FieldError first = v.errors().get(0);
            if (first.field().startsWith("/")) {
                session.jumpTo(first.field());
            }
            render();
            showErrors(v.errors(), null);
            worker.ctx().shell().toast(first.message().in(worker.ctx().i18n().tag()));
            return;
        }
        saving = true;
        saveDraft();
        var ctx = worker.ctx();
        ctx.background().inOrder(() -> redoes != null ? worker.redos().capture(draftId, redoes)
                : worker.engine().captureDraft(draftId), recordId -> {
                    ctx.shell().toast(ctx.t("form.saved"));
                    ctx.shell().back();
                }, e -> {
                    saving = false;
                    ctx.shell().toast(ctx.describe(e));
                });
    }
}
