package dev.meridian.ingest.otlp;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * OTLP/JSON (the protobuf JSON mapping with OTLP's exceptions) into protobuf builders, streaming, driven by
 * the message descriptors, so the protobuf mapper is the only mapper.
 *
 * <p>Per the OTLP specification: {@code traceId}, {@code spanId} and {@code parentSpanId} are hex (either
 * letter case), not base64; other bytes fields are base64 (standard or URL-safe). int64 and fixed64
 * fields are read from JSON strings or numbers; enums from integers (names are accepted too); keys are
 * the lowerCamelCase JSON names (the original field names are accepted too); unknown fields are ignored;
 * {@code null} means "not set". We use this rather than protobuf's {@code JsonFormat}, which expects base64
 * ids and is several times slower.
 *
 * <p>A present id that is not hex is a decoding error (the whole request is refused). An id that is valid
 * hex of the wrong length decodes to bytes of that length and the mapper rejects that item alone. Numbers are
 * read in time bounded by their length ({@link JsonNumbers}); one that its field cannot represent (an integer
 * beyond 64 bits, a fraction in an integer field, a double beyond its range) refuses the whole request, as
 * protobuf's own JSON parser does: such a request is malformed, not an item with a bad value.
 */
final class OtlpJsonDecoder {

    private static final Set<String> HEX_ID_FIELDS = Set.of("trace_id", "span_id", "parent_span_id");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();

    private OtlpJsonDecoder() {
    }

    /** Merges the JSON document in {@code body} (UTF-8) into {@code builder}. */
    static void merge(byte[] body, Message.Builder builder) throws OtlpDecodingException {
        try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.STRICT);
            json.setNestingLimit(128);
            try {
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new OtlpDecodingException("invalid OTLP/JSON: the body must be a JSON object, found " + json.peek(), null);
                }
                readObject(json, builder);
                if (json.peek() != JsonToken.END_DOCUMENT) {
                    throw new OtlpDecodingException("invalid OTLP/JSON: unexpected data after the top-level object at " + json.getPath(), null);
                }
            } catch (IOException | IllegalStateException | IllegalArgumentException | ArithmeticException e) {
                String reason = readable(e);
                throw new OtlpDecodingException(abbreviate(reason.contains(" path $")
                        ? "invalid OTLP/JSON: " + reason
                        : "invalid OTLP/JSON at " + json.getPath() + ": " + reason), e);
            }
        } catch (IOException e) {
            throw new OtlpDecodingException("invalid OTLP/JSON: " + e.getMessage(), e);
        }
    }

    /** Gson's messages, without its advice to parse leniently and its troubleshooting link. */
    private static String readable(Exception e) {
        String message = String.valueOf(e.getMessage());
        int link = message.indexOf("\nSee https://");
        if (link >= 0) {
            message = message.substring(0, link);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }

    private static String abbreviate(String message) {
        return message.length() <= 600 ? message : message.substring(0, 300) + "…" + message.substring(message.length() - 300);
    }

    private static void readObject(JsonReader json, Message.Builder builder) throws IOException, OtlpDecodingException {
        Map<String, FieldDescriptor> fields = fieldsOf(builder.getDescriptorForType());
        json.beginObject();
        while (json.hasNext()) {
            FieldDescriptor field = fields.get(json.nextName());
            if (field == null || json.peek() == JsonToken.NULL) {
                json.skipValue();
                continue;
            }
            if (field.isRepeated()) {
                json.beginArray();
                while (json.hasNext()) {
                    Object value = readValue(json, builder, field);
                    if (value != null) {
                        builder.addRepeatedField(field, value);
                    }
                }
                json.endArray();
            } else {
                Object value = readValue(json, builder, field);
                if (value != null) {
                    builder.setField(field, value);
                }
            }
        }
        json.endObject();
    }

    /** One value of {@code field}; null when it should be left unset (an unknown enum name). */
    private static Object readValue(JsonReader json, Message.Builder parent, FieldDescriptor field)
            throws IOException, OtlpDecodingException {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new IllegalStateException("expected an object for '" + field.getJsonName() + "' but found " + json.peek());
                }
                Message.Builder child = parent.newBuilderForField(field);
                readObject(json, child);
                yield child.build();
            }
            case STRING -> {
                if (json.peek() != JsonToken.STRING) {
                    throw new IllegalStateException("expected a string for '" + field.getJsonName() + "' but found " + json.peek());
                }
                yield json.nextString();
            }
            case BOOLEAN -> json.peek() == JsonToken.STRING ? Boolean.parseBoolean(json.nextString()) : json.nextBoolean();
            case INT -> (int) integral(json, field, isUnsigned(field) ? 0xFFFF_FFFFL : Integer.MAX_VALUE,
                    isUnsigned(field) ? 0 : Integer.MIN_VALUE);
            case LONG -> isUnsigned(field) ? unsigned64(json, field) : integral(json, field, Long.MAX_VALUE, Long.MIN_VALUE);
            case DOUBLE -> decimal(json, field);
            case FLOAT -> (float) decimal(json, field);
            case BYTE_STRING -> bytes(json, field);
            case ENUM -> {
                if (json.peek() == JsonToken.STRING) {
                    String name = json.nextString();
                    EnumValueDescriptor byName = field.getEnumType().findValueByName(name);
                    if (byName != null) {
                        yield byName;
                    }
                    try {
                        yield field.getEnumType().findValueByNumberCreatingIfUnknown(Integer.parseInt(name));
                    } catch (NumberFormatException unknownName) {
                        yield null;
                    }
                }
                long number = integral(json, field, Integer.MAX_VALUE, Integer.MIN_VALUE);
                yield field.getEnumType().findValueByNumberCreatingIfUnknown((int) number);
            }
        };
    }

    private static long integral(JsonReader json, FieldDescriptor field, long max, long min) throws IOException {
        String text = numberText(json, field);
        BigInteger value = JsonNumbers.integer(text, field.getJsonName());
        if (value.compareTo(BigInteger.valueOf(max)) > 0 || value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new IllegalArgumentException("'" + field.getJsonName() + "' is out of range: " + JsonNumbers.abbreviate(text));
        }
        return value.longValue();
    }

    private static long unsigned64(JsonReader json, FieldDescriptor field) throws IOException {
        String text = numberText(json, field);
        BigInteger value = JsonNumbers.integer(text, field.getJsonName());
        if (value.signum() < 0 || value.compareTo(MAX_UINT64) > 0) {
            throw new IllegalArgumentException("'" + field.getJsonName() + "' is out of range for an unsigned 64-bit integer: "
                    + JsonNumbers.abbreviate(text));
        }
        return value.longValue();
    }

    private static double decimal(JsonReader json, FieldDescriptor field) throws IOException {
        return JsonNumbers.decimal(numberText(json, field), field.getJsonName());
    }

    private static String numberText(JsonReader json, FieldDescriptor field) throws IOException {
        JsonToken token = json.peek();
        if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
            throw new IllegalStateException("expected a number for '" + field.getJsonName() + "' but found " + token);
        }
        String text = json.nextString().trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("'" + field.getJsonName() + "' is an empty string, not a number");
        }
        return text;
    }

    private static ByteString bytes(JsonReader json, FieldDescriptor field) throws IOException {
        if (json.peek() != JsonToken.STRING) {
            throw new IllegalStateException("expected a string for '" + field.getJsonName() + "' but found " + json.peek());
        }
        String text = json.nextString();
        if (HEX_ID_FIELDS.contains(field.getName())) {
            try {
                return ByteString.copyFrom(HexFormat.of().parseHex(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + field.getJsonName() + "' must be hex, was '"
                        + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
            }
        }
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        return ByteString.copyFrom((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text));
    }

    private static boolean isUnsigned(FieldDescriptor field) {
        return switch (field.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
    }

    private static Map<String, FieldDescriptor> fieldsOf(Descriptor descriptor) {
        return FIELDS.computeIfAbsent(descriptor, d -> {
            Map<String, FieldDescriptor> byName = new HashMap<>();
            for (FieldDescriptor field : d.getFields()) {
                byName.put(field.getName(), field);
                byName.put(field.getJsonName(), field);
            }
            return Map.copyOf(byName);
        });
    }
}
