package dev.meridian.ui.traces;

import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * Test-only: with the {@code trace-demo} profile, serves {@link TraceFixtures} from memory so the trace
 * view can be looked at without storage. Never on the main classpath.
 */
@Configuration(proxyBeanMethods = false)
@Profile("trace-demo")
class TraceDemoConfiguration {

    @Bean
    @Primary
    TraceQueries demoTraceQueries() {
        Map<TraceId, TraceQueries.Trace> traces = Map.of(
                TraceFixtures.CHECKOUT, TraceFixtures.checkout(),
                TraceFixtures.LARGE, TraceFixtures.large(5_000));
        return new TraceQueries() {
            @Override
            public SearchResult searchWithCoverage(TraceSearch search) {
                return new SearchResult(List.of(), false);
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return Optional.ofNullable(traces.get(traceId));
            }
        };
    }
}
