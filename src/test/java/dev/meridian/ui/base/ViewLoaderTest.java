package dev.meridian.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ViewLoader} with the production executor: queries off the session lock, results applied on the UI. */
@ViewPackages(packages = "dev.meridian.ui.base") // no routes to discover: the tests add their components by hand
class ViewLoaderTest extends BrowserlessTest {

    private final ViewTasks tasks = ViewTasks.virtualThreads();
    private final Div owner = new Div();
    private final List<String> applied = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @AfterEach
    void stopExecutor() {
        tasks.close();
    }

    private ViewLoader<String> attachedLoader() {
        UI.getCurrent().add(owner);
        return tasks.loader(owner);
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

    @Test
    void load_runsTheQueryWithoutTheSessionLock_andAppliesTheResultUnderIt() throws Exception {
        ViewLoader<String> loader = attachedLoader();
        VaadinSession session = VaadinSession.getCurrent();
        AtomicBoolean lockedDuringQuery = new AtomicBoolean(true);
        AtomicBoolean lockedDuringApply = new AtomicBoolean();

        loader.load(() -> {
            lockedDuringQuery.set(session.hasLock());
            return "result";
        }, result -> {
            lockedDuringApply.set(session.hasLock());
            applied.add(result);
        }, e -> failures.add(e.getMessage()));
        runUiUntil(() -> !applied.isEmpty());

        assertThat(applied).containsExactly("result");
        assertThat(lockedDuringQuery).isFalse();
        assertThat(lockedDuringApply).isTrue();
    }

    @Test
    void newerLoad_supersedesAResultStillRunning() throws Exception {
        ViewLoader<String> loader = attachedLoader();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowRelease = new CountDownLatch(1);
        CountDownLatch slowDone = new CountDownLatch(1);

        loader.load(() -> {
            slowStarted.countDown();
            await(slowRelease);
            slowDone.countDown();
            return "old";
        }, applied::add, e -> failures.add(e.getMessage()));
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
        loader.load(() -> "new", applied::add, e -> failures.add(e.getMessage()));
        runUiUntil(() -> !applied.isEmpty());
        slowRelease.countDown();
        assertThat(slowDone.await(5, TimeUnit.SECONDS)).isTrue();
        runUiUntil(() -> applied.size() > 1, 300); // a dropped result never shows: wait only briefly

        assertThat(applied).containsExactly("new");
    }

    @Test
    void supersededQuery_thatHasNotStarted_neverRuns() {
        UI.getCurrent().add(owner);
        List<Runnable> queued = new ArrayList<>();
        ViewLoader<String> loader = new ViewTasks(queued::add).loader(owner);
        AtomicBoolean firstRan = new AtomicBoolean();

        loader.load(() -> {
            firstRan.set(true);
            return "first";
        }, applied::add, e -> failures.add(e.getMessage()));
        loader.load(() -> "second", applied::add, e -> failures.add(e.getMessage()));
        queued.forEach(Runnable::run);

        assertThat(firstRan).isFalse();
        assertThat(applied).containsExactly("second");
    }

    @Test
    void detach_dropsTheResultOfAQueryInFlight() throws Exception {
        ViewLoader<String> loader = attachedLoader();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        loader.load(() -> {
            started.countDown();
            await(release);
            done.countDown();
            return "late";
        }, applied::add, e -> failures.add(e.getMessage()));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loader.busy()).isTrue();

        UI.getCurrent().remove(owner);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        runUiUntil(() -> !applied.isEmpty(), 300); // a dropped result never shows: wait only briefly

        assertThat(applied).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void failingQuery_reportsItsFailureOnTheUi() throws Exception {
        ViewLoader<String> loader = attachedLoader();

        loader.load(() -> {
            throw new IllegalStateException("database down");
        }, applied::add, e -> failures.add(e.getMessage()));
        runUiUntil(() -> !failures.isEmpty());

        assertThat(failures).containsExactly("database down");
        assertThat(applied).isEmpty();
        assertThat(loader.busy()).isFalse();
    }

    @Test
    void directTasks_applyBeforeLoadReturns() {
        UI.getCurrent().add(owner);
        ViewLoader<String> loader = ViewTasks.direct().loader(owner);

        loader.load(() -> "now", applied::add, e -> failures.add(e.getMessage()));

        assertThat(applied).containsExactly("now");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
