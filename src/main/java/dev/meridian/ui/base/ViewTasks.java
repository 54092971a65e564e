package dev.meridian.ui.base;

import com.vaadin.flow.component.Component;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where views run their queries: never on the thread that holds the Vaadin session lock, so a slow
 * query freezes neither its tab nor the other tabs of the session. One bean for the application
 * ({@link ViewTasksConfiguration}); a view asks it for one {@link ViewLoader} per independent piece
 * of data it shows.
 *
 * <p>Tests of single views replace the bean with {@link #direct()}, which runs each query on the
 * calling thread so a browserless test sees the result as soon as navigation returns.
 */
public final class ViewTasks implements AutoCloseable {

    private final Executor executor;

    public ViewTasks(Executor executor) {
        this.executor = executor;
    }

    /**
     * One virtual thread per query. Virtual threads rather than a small pool, so that a few slow queries
     * never queue the quick ones of other tabs behind them; what bounds concurrent database work is the
     * query layer's connection pool and budgets, and a view runs at most one query per piece of data (a
     * newer load supersedes, an auto-refresh skips while busy). Never the common ForkJoin pool, whose
     * few threads the whole JVM shares.
     */
    public static ViewTasks virtualThreads() {
        return new ViewTasks(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ui-query-", 0).factory()));
    }

    /** Runs every query at once on the caller's thread: for tests only, production is asynchronous. */
    public static ViewTasks direct() {
        return new ViewTasks(Runnable::run);
    }

    /** A loader whose loads are dropped, and whose pending query is cancelled, when {@code owner} detaches. */
    public <T> ViewLoader<T> loader(Component owner) {
        ViewLoader<T> loader = new ViewLoader<>(executor);
        owner.addDetachListener(event -> loader.cancel());
        return loader;
    }

    /** Stops the executor with the application; queries still running lose their results. */
    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
