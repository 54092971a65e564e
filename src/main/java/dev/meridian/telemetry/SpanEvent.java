package dev.meridian.telemetry;

/** A timestamped annotation on a span; exceptions are events named {@code exception}. */
public record SpanEvent(long timeNanos, String name, Attributes attributes, int droppedAttributesCount) {
}
