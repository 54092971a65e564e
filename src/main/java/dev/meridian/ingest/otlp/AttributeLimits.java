package dev.meridian.ingest.otlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.meridian.telemetry.Attributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * OTLP values into the plain values {@link Attributes} documents, cut to the {@link OtlpLimits}: the first
 * {@code maxAttributes} key-values of a list are kept (the caller adds the rest to the item's dropped count, as
 * OTLP intends that count for), strings longer than their limit are cut and end with {@link OtlpLimits#TRUNCATED},
 * bytes are cut to the limit. Every string also loses its NUL characters (replaced by U+FFFD): PostgreSQL cannot
 * store them in a text column, and a name or message could end up in one.
 */
final class AttributeLimits {

    /** Most distinct strings one instance (one request) shares; beyond, strings are kept as decoded. */
    static final int MAX_SHARED_STRINGS = 4096;
    /** Longer string values are not shared: ids and messages rarely repeat. */
    static final int MAX_SHARED_LENGTH = 128;

    private final int maxAttributes;
    private final int maxValueLength;
    /**
     * Keys and short string values already seen in this request, so equal strings are one object: protobuf
     * decodes a String per key-value, and the queue and the writer's transaction keep the decoded spans alive
     * for seconds, so the GC copied ~12 strings per span through its survivor spaces (under the issue-6 load,
     * GC threads used about as much CPU as the writer). Per request (one instance per mapper), so bounded by
     * the request and never shared between threads.
     */
    private final Map<String, String> shared = new HashMap<>();

    AttributeLimits(OtlpLimits limits) {
        this.maxAttributes = limits.maxAttributes();
        this.maxValueLength = limits.maxAttributeValueLength();
    }

    /** Key-values kept, and how many were dropped for the limit. */
    record Limited(Attributes attributes, int dropped) {

        /** {@code sentDropped} (what the sender had dropped already) plus what we dropped, saturated. */
        int droppedCount(int sentDropped) {
            return (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(sentDropped) + dropped);
        }
    }

    Limited attributes(List<KeyValue> keyValues) {
        if (keyValues.isEmpty()) {
            return new Limited(Attributes.EMPTY, 0);
        }
        int kept = Math.min(keyValues.size(), maxAttributes);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < kept; i++) {
            KeyValue keyValue = keyValues.get(i);
            values.put(share(text(keyValue.getKey())), value(keyValue.getValue(), maxValueLength));
        }
        return new Limited(Attributes.of(values), keyValues.size() - kept);
    }

    /** A string field of an item (a name, a message): NULs replaced, cut to the attribute value limit. */
    String text(String text) {
        return text(text, maxValueLength);
    }

    /** An AnyValue as the plain Java value {@link Attributes} documents, strings cut to {@code maxLength}; null when empty. */
    Object value(AnyValue value, int maxLength) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> share(text(value.getStringValue(), maxLength));
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BYTES_VALUE -> value.getBytesValue().size() <= maxLength ? value.getBytesValue().toByteArray()
                    : value.getBytesValue().substring(0, maxLength).toByteArray();
            case ARRAY_VALUE -> {
                List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    list.add(value(element, maxLength));
                }
                yield Collections.unmodifiableList(list);
            }
            case KVLIST_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (KeyValue keyValue : value.getKvlistValue().getValuesList()) {
                    map.put(text(keyValue.getKey(), maxLength), value(keyValue.getValue(), maxLength));
                }
                yield Collections.unmodifiableMap(map);
            }
            // string_value_strindex points into a profiles dictionary; other signals never use it
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> null;
        };
    }

    /** The instance of an equal string seen before in this request (see {@link #shared}), or this one. */
    String share(String text) {
        if (text.length() > MAX_SHARED_LENGTH) {
            return text;
        }
        String seen = shared.get(text);
        if (seen != null) {
            return seen;
        }
        if (shared.size() < MAX_SHARED_STRINGS) {
            shared.put(text, text);
        }
        return text;
    }

    static String text(String text, int maxLength) {
        if (text.indexOf('\0') >= 0) {
            text = text.replace('\0', '\uFFFD');
        }
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - OtlpLimits.TRUNCATED.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end) + OtlpLimits.TRUNCATED;
    }
}
