package dev.meridian.ui.base;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** One small timer for every browser tab's auto-refresh; the work itself runs in {@code UI.access}. */
@Component
public class RefreshScheduler {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ui-refresh").daemon().factory());

    public ScheduledFuture<?> every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        return executor.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
