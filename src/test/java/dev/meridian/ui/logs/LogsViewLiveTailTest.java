package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.server.VaadinSession;
import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.query.ServiceQueries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.Telemetry;
import dev.meridian.ui.base.RefreshScheduler;
import dev.meridian.ui.base.ViewTasks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Live tail with the production executor: a blocked log search leaves the tab answering. */
@ViewPackages(packages = "dev.meridian.ui.base") // no routes to discover: the test adds the view by hand
class LogsViewLiveTailTest extends BrowserlessTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final ViewTasks tasks = ViewTasks.virtualThreads();
    private final RefreshScheduler scheduler = new RefreshScheduler();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean lockHeldBySearch;

    @AfterEach
    void stop() {
        release.countDown();
        tasks.close();
    }

    @Test
    void liveTail_searchesWithoutTheSessionLock() throws Exception {
        VaadinSession session = VaadinSession.getCurrent();
        LogQueries blocking = (LogSearch search) -> {
            lockHeldBySearch = session.hasLock();
            started.countDown();
            try {
                release.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(Telemetry.log("shop", TimeRange.toNanos(NOW.minusSeconds(5)), 9, "arrived",
                    TraceId.INVALID, SpanId.NONE));
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("logs", blocking);
        beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        LogsView view = new LogsView(beans.getBeanProvider(LogQueries.class), beans.getBeanProvider(ServiceQueries.class),
                scheduler, beans.getBeanProvider(Clock.class), tasks);
        UI ui = UI.getCurrent();
        ui.add(view);
        Button live = view.getChildren().flatMap(c -> c.getChildren()).filter(Button.class::isInstance)
                .map(Button.class::cast).filter(b -> "Live tail".equals(b.getText())).findFirst().orElseThrow();

        test(live).click(); // before the fix, the first poll ran right here, holding the session lock
        boolean stillBlocked = release.getCount() == 1;
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(stillBlocked).as("the click returned while its search is still blocked").isTrue();
        assertThat(lockHeldBySearch).as("the search thread held the session lock").isFalse();
        AtomicBoolean other = new AtomicBoolean();
        Future<Void> access = ui.access(() -> other.set(true));
        runUiUntil(access::isDone);
        assertThat(other).isTrue();

        release.countDown();
        runUiUntil(() -> bodies(view).contains("arrived"));
        assertThat(bodies(view)).containsExactly("arrived");
    }

    @SuppressWarnings("unchecked")
    private List<String> bodies(LogsView view) {
        Grid<LogRow> grid = (Grid<LogRow>) view.getChildren().filter(Grid.class::isInstance).findFirst().orElseThrow();
        return IntStream.range(0, test(grid).size()).mapToObj(i -> String.valueOf(test(grid).getRow(i).record().body())).toList();
    }

    private static void runUiUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            MockVaadin.runUIQueue(); // runs the ui.access tasks queued while this test thread held the lock
            Thread.sleep(5);
        }
    }
}
