package cn.citygrid.mobile.notify;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The app's in-app notification channel (the push module has no phone channel yet, and Attach push-notifications
 * is not on Maven Central): task assignments that arrive with a sync, rejected records, device state. Newest
 * first; FX thread only. Held in memory while the app runs.
 */
public final class Inbox {
    /**
     * One notification: {@code kind} ({@code task}, {@code rejected}) names its heading, translated when shown so a
     * language switch reaches notes already received; {@code body} is data (a task's title, the server's reason);
     * {@code target} is what it is about (a task id, a record id), may be null.
     */
    public record Note(Instant at, String kind, String body, String target) {}

    private final ObservableList<Note> notes = FXCollections.observableArrayList();
    private final Set<String> seenTasks = new HashSet<>();
    private boolean primed;

    public ObservableList<Note> notes() {
        return notes;
    }

    /**
     * Tells the inbox which tasks the phone holds now; those not seen before are new assignments. The first call
     * only primes (tasks already on the phone at start are not news).
     */
    public Set<String> newTasks(Set<String> taskIds) {
        Set<String> fresh = new HashSet<>(taskIds);
        fresh.removeAll(seenTasks);
        seenTasks.addAll(taskIds);
        if (!primed) {
            primed = true;
            return Set.of();
        }
        return fresh;
    }

    public void add(Note n) {
        notes.add(0, n);
    }
}
