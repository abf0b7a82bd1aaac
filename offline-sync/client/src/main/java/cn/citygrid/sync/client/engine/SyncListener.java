package cn.citygrid.sync.client.engine;

/**
 * Observes the engine. Called on the thread that caused the event (a capture or a sync), after the commit; a
 * JavaFX UI hops to its own thread with {@code Platform.runLater}. Exceptions are logged and swallowed.
 */
@FunctionalInterface
public interface SyncListener {
    void onEvent(SyncEvent event);
}
