package dev.meridian.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;

/** Ingest self-metrics: {@code {traces:{accepted, rejected}, logs:{…}, metrics:{…}, queueDepth, queueCapacity}}. */
@RestController
class IngestStatsController {

    private final IngestPipeline pipeline;

    IngestStatsController(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GetMapping("/api/v1/ingest/stats")
    IngestStats.Snapshot stats() {
        return pipeline.snapshot();
    }
}
