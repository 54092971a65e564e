package dev.meridian.ui;

import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.traces.TraceFixtures;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The two differences of {@link ViewTest}'s one application context from production. */
@TestConfiguration(proxyBeanMethods = false)
class ViewTestConfiguration {

    /** Views run their queries on the test's thread, so results show as soon as navigation returns. */
    @Bean
    @Primary
    ViewTasks directViewTasks() {
        return ViewTasks.direct();
    }

    /**
     * The stored traces, except the 5,000-span {@link TraceFixtures#LARGE}, served from memory: its test is
     * about the waterfall's rows, and storing and reading it back cost the whole suite 20 s on this machine.
     * It comes as a trace cut at the span limit would: {@link #LARGE_OMITTED_SPANS} spans left out.
     */
    static final long LARGE_OMITTED_SPANS = 1_234;

    @Bean
    @Primary
    TraceQueries viewTestTraceQueries(@Qualifier("traceQueries") TraceQueries stored) {
        TraceQueries.Trace full = TraceFixtures.large(5_000);
        TraceQueries.Trace large = new TraceQueries.Trace(full.traceId(), full.spans(), full.logs(), LARGE_OMITTED_SPANS, 0);
        return new TraceQueries() {
            @Override
            public SearchResult searchWithCoverage(TraceSearch search) {
                return stored.searchWithCoverage(search);
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return TraceFixtures.LARGE.equals(traceId) ? Optional.of(large) : stored.trace(traceId);
            }
        };
    }
}
