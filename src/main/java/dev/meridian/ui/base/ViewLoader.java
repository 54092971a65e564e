package dev.meridian.ui.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.VaadinSession;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Query off the lock, apply on the UI" for one piece of a view's data. {@link #load} must be called
 * from UI code (it captures {@link UI#getCurrent()}); the query runs on the executor without the
 * session lock, and its result (or its failure) is applied inside {@code ui.access(...)}.
 *
 * <p>Only the newest load counts: each load takes a new generation number, and a result whose
 * generation was superseded by a newer load, or by {@link #cancel()} (detach), is dropped unseen.
 * A superseded query is not interrupted (an interrupted JDBC read can close the database's file
 * channel); it only loses its result. Exactly one of {@code apply} and {@code failed} runs per load
 * that is still current when it completes, always under the session lock.
 */
public final class ViewLoader<T> {

    private static final Logger log = LoggerFactory.getLogger(ViewLoader.class);

    private final Executor executor;
    private final AtomicLong generation = new AtomicLong();
    private volatile FutureTask<?> running;

    ViewLoader(Executor executor) {
        this.executor = executor;
    }

    /** Starts {@code query}, superseding any load still in flight. */
    public void load(Supplier<T> query, Consumer<T> apply, Consumer<RuntimeException> failed) {
        UI ui = UI.getCurrent();
        if (ui == null) {
            throw new IllegalStateException("ViewLoader.load must be called from UI code");
        }
        long mine = generation.incrementAndGet();
        FutureTask<Void> task = new FutureTask<>(() -> run(ui, mine, query, apply, failed), null);
        running = task;
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) { // shutting down
            failed.accept(e);
        }
    }

    /** Whether a load is still running: an auto-refresh tick skips its turn rather than pile up queries. */
    public boolean busy() {
        FutureTask<?> task = running;
        return task != null && !task.isDone();
    }

    /** Drops the result of any load in flight; a query not yet started never starts. */
    public void cancel() {
        generation.incrementAndGet();
        FutureTask<?> task = running;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void run(UI ui, long mine, Supplier<T> query, Consumer<T> apply, Consumer<RuntimeException> failed) {
        if (generation.get() != mine) {
            return;
        }
        Runnable deliver;
        try {
            T result = query.get();
            deliver = () -> apply.accept(result);
        } catch (RuntimeException e) {
            deliver = () -> failed.accept(e);
        }
        Runnable current = deliver;
        Runnable applyIfCurrent = () -> {
            if (generation.get() == mine) {
                current.run();
            }
        };
        VaadinSession session = ui.getSession();
        if (session != null && session.hasLock()) {
            applyIfCurrent.run(); // a direct executor on the UI thread (tests): apply now, in order
            return;
        }
        try {
            ui.access(applyIfCurrent::run);
        } catch (UIDetachedException e) {
            log.debug("Result dropped: the tab was closed while its query ran");
        }
    }
}
