package cn.citygrid.mobile.shell;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Where network, SQLite and crypto work runs: never on the FX thread. {@link #run} hands the result (or the
 * failure) back to the FX thread. One scheduler also drives automatic sync and approval polling.
 */
public final class Background implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Background.class.getName());
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService work = Executors.newFixedThreadPool(2, r -> daemon(r, "work"));
    private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> daemon(r, "write"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sync"));

    private Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "citygrid-" + name + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Runs {@code task} off the FX thread, then {@code done} or {@code failed} on it. */
    public <T> void run(Callable<T> task, Consumer<T> done, Consumer<Throwable> failed) {
        submit(work, task, done, failed);
    }

    /** Like {@link #run}, but in submission order on one thread: for writes that must not overtake each other (drafts). */
    public <T> void inOrder(Callable<T> task, Consumer<T> done, Consumer<Throwable> failed) {
        submit(writes, task, done, failed);
    }

    private static <T> void submit(ExecutorService executor, Callable<T> task, Consumer<T> done, Consumer<Throwable> failed) {
        executor.execute(() -> {
            try {
                T value = task.call();
                Platform.runLater(() -> done.accept(value));
            } catch (Exception | Error e) {
                LOG.log(System.Logger.Level.DEBUG, "background task failed", e);
                Platform.runLater(() -> failed.accept(e));
            }
        });
    }

    /**
     * Waits (10 s at most) until every write queued so far has run: called before the phone's database closes
     * (sign-out, app stop), so an answer given just before is still in the draft.
     */
    public void awaitWrites() {
        try {
            writes.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "queued writes did not finish before the database closed", e);
        }
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        work.shutdownNow();
        writes.shutdown();
    }
}
