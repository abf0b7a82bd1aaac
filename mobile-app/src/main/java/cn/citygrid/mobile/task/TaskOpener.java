package cn.citygrid.mobile.task;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.form.FormOpener;
import cn.citygrid.mobile.grid.HouseScreen;
import cn.citygrid.mobile.worker.Worker;
import java.util.Map;
import java.util.Optional;

/**
 * Opens what a task is about, wherever the task is tapped (the home's list, an assignment note in the inbox): its
 * house, where the visit starts, or for a task without a house a new record of its form.
 */
public final class TaskOpener {
    private TaskOpener() {
    }

    /** {@code task} as the phone's replica holds it. */
    public static void open(Worker worker, Map<String, Object> task) {
        String house = text(task, "houseId");
        if (!house.isEmpty()) {
            worker.ctx().shell().push(new HouseScreen(worker, house));
        } else {
            FormOpener.open(worker, text(task, "formId"), null);
        }
    }

    /** The task {@code taskId}, looked up in the background; one the phone no longer holds is said so. */
    public static void open(Worker worker, String taskId) {
        var ctx = worker.ctx();
        ctx.background().run(() -> worker.data().tasks().stream().filter(t -> taskId.equals(text(t, "id"))).findFirst(),
                (Optional<Map<String, Object>> task) -> task.ifPresentOrElse(t -> open(worker, t),
                        () -> ctx.shell().toast(ctx.t("task.gone"))),
                e -> ctx.shell().toast(ctx.describe(e)));
    }
}
