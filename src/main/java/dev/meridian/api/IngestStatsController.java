package dev.meridian.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;
import dev.meridian.storage.jdbc.CallPairing;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.JdbcTelemetryWriter;

/**
 * Ingest self-metrics: {@code {traces:{accepted, rejected}, logs:{…}, metrics:{…}, queueDepth, queueCapacity, …,
 * dictionaries:[{dictionary, size, limit, overflowed}], callPairing:{waiting, paired, expired, dropped, capped}}}.
 */
@RestController
class IngestStatsController {

    private final IngestPipeline pipeline;
    private final Dictionaries dictionaries;
    private final JdbcTelemetryWriter writer;

    IngestStatsController(IngestPipeline pipeline, Dictionaries dictionaries, JdbcTelemetryWriter writer) {
        this.pipeline = pipeline;
        this.dictionaries = dictionaries;
        this.writer = writer;
    }

    /**
     * The pipeline's counters, how full each dictionary is (entries beyond a limit are stored as overflow), and
     * the service map's call pairing ({@code callPairing: {waiting, paired, expired, dropped, capped}}, see
     * {@link CallPairing.Stats}).
     */
    record Stats(@JsonUnwrapped IngestStats.Snapshot ingest, List<Dictionaries.Cardinality> dictionaries,
                 CallPairing.Stats callPairing) {
    }

    @GetMapping("/api/v1/ingest/stats")
    Stats stats() {
        return new Stats(pipeline.snapshot(), dictionaries.cardinality(), writer.callPairing());
    }
}
