package dev.meridian.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;
import dev.meridian.storage.jdbc.Dictionaries;

/**
 * Ingest self-metrics: {@code {traces:{accepted, rejected}, logs:{…}, metrics:{…}, queueDepth, queueCapacity, …,
 * dictionaries:[{dictionary, size, limit, overflowed}]}}.
 */
@RestController
class IngestStatsController {

    private final IngestPipeline pipeline;
    private final Dictionaries dictionaries;

    IngestStatsController(IngestPipeline pipeline, Dictionaries dictionaries) {
        this.pipeline = pipeline;
        this.dictionaries = dictionaries;
    }

    /** The pipeline's counters, and how full each dictionary is (entries beyond a limit are stored as overflow). */
    record Stats(@JsonUnwrapped IngestStats.Snapshot ingest, List<Dictionaries.Cardinality> dictionaries) {
    }

    @GetMapping("/api/v1/ingest/stats")
    Stats stats() {
        return new Stats(pipeline.snapshot(), dictionaries.cardinality());
    }
}
