package dev.meridian.ui.base;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The timer of every browser tab's auto-refresh. A tick only starts the work, on a virtual thread, so
 * one slow view never delays another tab; a tick that finds its previous run still busy is skipped. The
 * work itself is short: it takes the session lock only to start the view's queries, which run off the
 * lock ({@link ViewLoader}).
 */
@Component
public class RefreshScheduler {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ui-refresh-timer").daemon().factory());
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ui-refresh-", 0).factory());

    public ScheduledFuture<?> every(Duration interval, Runnable task) {
        AtomicBoolean running = new AtomicBoolean();
        Runnable once = () -> {
            try {
                task.run();
            } finally {
                running.set(false);
            }
        };
        long millis = interval.toMillis();
        return timer.scheduleAtFixedRate(() -> {
            if (running.compareAndSet(false, true)) {
                workers.execute(once);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
