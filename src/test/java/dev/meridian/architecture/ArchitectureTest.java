package dev.meridian.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holds the dependency directions of DESIGN.md: ui, api -> query -> storage -> telemetry; ingest -> storage. */
class ArchitectureTest {

    private static final JavaClasses MERIDIAN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.meridian");

    @Test
    void onlyTheUiAndItsLogin_importVaadin() {
        noClasses().that().resideOutsideOfPackages("dev.meridian.ui..", "dev.meridian.security..")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(MERIDIAN);
    }

    @Test
    void onlyOtlpReceivers_importProtobufAndGrpc() {
        noClasses().that().resideOutsideOfPackage("dev.meridian.ingest.otlp..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.proto..", "com.google.protobuf..",
                        "io.grpc..")
                .check(MERIDIAN);
    }

    @Test
    void telemetry_dependsOnNothingOfMeridian() {
        noClasses().that().resideInAPackage("dev.meridian.telemetry..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.meridian.storage..", "dev.meridian.query..",
                        "dev.meridian.ingest..", "dev.meridian.ui..", "dev.meridian.api..", "org.springframework..")
                .check(MERIDIAN);
    }

    @Test
    void storageAndQuery_neverImportTheUiOrTheApi() {
        noClasses().that().resideInAnyPackage("dev.meridian.storage..", "dev.meridian.query..", "dev.meridian.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.meridian.ui..", "dev.meridian.api..")
                .check(MERIDIAN);
    }

    @Test
    void theUi_neverTouchesStorageDirectly() {
        noClasses().that().resideInAPackage("dev.meridian.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.meridian.storage..", "dev.meridian.ingest..")
                .check(MERIDIAN);
    }

    /**
     * Every package of Meridian (each {@code dev.meridian.x.y} a slice) is free of cycles: a cycle makes
     * two packages one unit that can be neither understood nor changed apart (the UI's drill-down links
     * point from a view to the views below it, never back).
     */
    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.meridian.(**)").should().beFreeOfCycles().check(MERIDIAN);
    }
}
