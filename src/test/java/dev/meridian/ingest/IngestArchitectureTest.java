package dev.meridian.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Protobuf and gRPC stop at the OTLP receivers (DESIGN.md: "Nothing outside ingest.otlp imports protobuf classes"). */
@AnalyzeClasses(packages = "dev.meridian", importOptions = ImportOption.DoNotIncludeTests.class)
class IngestArchitectureTest {

    @ArchTest
    static final ArchRule protobufStaysInIngestOtlp = noClasses()
            .that().resideOutsideOfPackage("dev.meridian.ingest.otlp..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "com.google.rpc..",
                    "io.opentelemetry.proto..", "io.grpc..", "com.google.gson..")
            .because("OTLP wire formats are decoded in ingest.otlp; everything else works with telemetry records");

    @ArchTest
    static final ArchRule ingestDoesNotReachIntoTheUiOrQueries = noClasses()
            .that().resideInAPackage("dev.meridian.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.meridian.ui..", "dev.meridian.query..", "dev.meridian.api..")
            .because("ingest depends on storage contracts only");
}
