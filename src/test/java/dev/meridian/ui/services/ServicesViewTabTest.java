package dev.meridian.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.server.VaadinSession;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.ViewTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one open tab of the services view does, without Spring: a slow query must not freeze the tab (with
 * the production executor the query runs without the session lock while the UI keeps answering, and its
 * result shows when it arrives), and what the tab keeps stays bounded however many services there are.
 */
@ViewPackages(packages = "dev.meridian.ui.base") // no routes to discover: the tests add their components by hand
class ServicesViewTabTest extends BrowserlessTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final ViewTasks tasks = ViewTasks.virtualThreads();
    private BlockingServiceQueries queries;

    @AfterEach
    void release() {
        if (queries != null) {
            queries.release.countDown();
        }
        tasks.close();
    }

    @Test
    void blockedQuery_leavesTheSessionFree_andItsResultShowsWhenItArrives() throws Exception {
        queries = new BlockingServiceQueries(VaadinSession.getCurrent());
        ServicesView view = new ServicesView(queries, CLOCK, tasks);
        UI ui = UI.getCurrent();
        ui.add(view);

        view.refresh(); // before the fix, this ran the query right here, holding the session lock
        boolean stillBlocked = queries.release.getCount() == 1;
        assertThat(queries.started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(stillBlocked).as("refresh returned while its query is still blocked").isTrue();
        assertThat(queries.lockHeldByQuery).as("the query thread held the session lock").isFalse();
        assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(p -> ((Paragraph) p).getText()))
                .contains("Loading services…");
        // another session-locked action runs to completion while the query is blocked
        AtomicBoolean other = new AtomicBoolean();
        Future<Void> access = ui.access(() -> other.set(true));
        runUiUntil(access::isDone);
        assertThat(other).isTrue();
        assertThat(queries.release.getCount()).as("the query is still blocked").isEqualTo(1);

        queries.release.countDown();
        runUiUntil(() -> rows(view).size() == 1);
        assertThat(rows(view)).extracting(row -> row.summary().name()).containsExactly("shop");
    }

    @Test
    void thousandsOfServices_showOnlyTheBusiest_andRefreshesDoNotGrowTheTab() {
        ManyServiceQueries many = new ManyServiceQueries();
        ServicesView view = new ServicesView(many, CLOCK, ViewTasks.direct());
        UI.getCurrent().add(view);

        for (int refresh = 0; refresh < 5; refresh++) { // every refresh, a thousand new service names
            many.generation = refresh;
            view.refresh();
            assertThat(rows(view)).hasSize(ServicesView.MAX_SERVICES);
            assertThat(view.sparklineCount()).isLessThanOrEqualTo(ServicesView.MAX_SERVICES);
        }

        assertThat(rows(view)).extracting(row -> row.summary().requestCount()).allMatch(count -> count >= 800);
        assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(p -> ((Paragraph) p).getText()))
                .contains("Showing the 200 busiest of 1000 services.");
        assertThat(grid(view).isAllRowsVisible()).as("200 rows of charts scroll: the browser renders those in view")
                .isFalse();
    }

    @Test
    void aFewServices_showEveryRowAtOnce() {
        queries = new BlockingServiceQueries(VaadinSession.getCurrent());
        queries.release.countDown();
        ServicesView view = new ServicesView(queries, CLOCK, ViewTasks.direct());
        UI.getCurrent().add(view);

        view.refresh();

        assertThat(rows(view)).hasSize(1);
        assertThat(grid(view).isAllRowsVisible()).isTrue();
    }

    /** A thousand services whose names change with {@link #generation}; service i has i requests. */
    static final class ManyServiceQueries implements ServiceQueries {
        volatile int generation;

        @Override
        public List<ServiceSummary> services(TimeRange range) {
            return IntStream.range(0, 1_000).mapToObj(i -> new ServiceSummary("svc-" + generation + "-" + i, i, i, 0, 0,
                    1, 2, 3)).toList();
        }

        @Override
        public List<OperationSummary> operations(String service, TimeRange range) {
            return List.of();
        }

        @Override
        public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
            return List.of();
        }

        @Override
        public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Grid<ServicesView.Row> grid(ServicesView view) {
        return (Grid<ServicesView.Row>) view.getChildren().filter(Grid.class::isInstance).findFirst().orElseThrow();
    }

    private List<ServicesView.Row> rows(ServicesView view) {
        Grid<ServicesView.Row> grid = grid(view);
        return IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i)).toList();
    }

    private static void runUiUntil(BooleanSupplier condition) throws InterruptedException {
        runUiUntil(condition, 5_000);
    }

    /** Lets queued {@code ui.access} tasks run until the condition holds, at most {@code millis}. */
    private static void runUiUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            MockVaadin.runUIQueue(); // runs the ui.access tasks queued while this test thread held the lock
            Thread.sleep(5);
        }
    }

    /** A query double whose service list waits (at most three seconds) until the test releases it. */
    static final class BlockingServiceQueries implements ServiceQueries {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final VaadinSession session;
        volatile boolean lockHeldByQuery;

        BlockingServiceQueries(VaadinSession session) {
            this.session = session;
        }

        @Override
        public List<ServiceSummary> services(TimeRange range) {
            lockHeldByQuery = session.hasLock();
            started.countDown();
            try {
                release.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new ServiceSummary("shop", 10, 10, 0, 0, 20, 30, 40));
        }

        @Override
        public List<OperationSummary> operations(String service, TimeRange range) {
            return List.of();
        }

        @Override
        public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
            return new ArrayList<>();
        }

        @Override
        public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
            return List.of();
        }
    }
}
