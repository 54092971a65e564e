package dev.meridian.telemetry;

/** The library that produced the telemetry (OTLP's InstrumentationScope). */
public record InstrumentationScope(String name, String version, Attributes attributes, int droppedAttributesCount) {

    public static final InstrumentationScope EMPTY = new InstrumentationScope("", "", Attributes.EMPTY, 0);
}
