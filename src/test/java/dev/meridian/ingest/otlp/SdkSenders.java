package dev.meridian.ingest.otlp;

/** Which transport the OpenTelemetry SDK exporters use in tests. */
final class SdkSenders {

    private SdkSenders() {
    }

    static void preferJdkHttpSender() {
        System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
                "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    }
}
