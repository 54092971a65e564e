package dev.meridian.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.ui.base.ViewTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of every browserless view test: one Spring configuration, so the test framework caches one
 * application context for all of them, and one seed ({@link ViewTestData}) stored once into it. Subclasses
 * add no configuration of their own (no {@code @DynamicPropertySource}, profile or {@code @Import}): each
 * difference would boot another whole application.
 *
 * <p>Views run their queries through a direct {@link ViewTasks} here, so a result is on show as soon as
 * navigation returns; production runs them off the session lock ({@code ServicesViewTabTest} and {@code LogsViewLiveTailTest} check that).
 */
@SpringBootTest
@Import(ViewTestConfiguration.class)
public abstract class ViewTest extends SpringBrowserlessTest {

    private static final String DATA_DIR = temporaryDataDir();
    /** The writers (one per application context) that hold the seed already. */
    private static final Set<TelemetryWriter> SEEDED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Autowired
    protected TelemetryWriter writer;

    @DynamicPropertySource
    static void viewTestProperties(DynamicPropertyRegistry registry) {
        registry.add("meridian.data-dir", () -> DATA_DIR);
        registry.add("meridian.otlp.grpc-port", () -> 0);
        registry.add("meridian.otlp.http-port", () -> 0);
        // the seed has fixed timestamps (days to a year before today): retention must never delete it mid-run
        registry.add("meridian.retention.max-age", () -> "36500d");
    }

    @BeforeEach
    void seedOnce() {
        synchronized (SEEDED) {
            if (SEEDED.add(writer)) {
                long started = System.nanoTime();
                ViewTestData.store(writer);
                System.out.printf("view test seed stored in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** Navigates to {@code path} in the seed's window. */
    protected <T> T open(String path, Class<T> view) {
        UI.getCurrent().navigate(path, QueryParameters.fromString(ViewTestData.WINDOW));
        return view.cast(getCurrentView());
    }

    private static String temporaryDataDir() {
        try {
            return Files.createTempDirectory("meridian-view-test").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
