package dev.meridian.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random mutations of valid OTLP request bodies for the fuzz test: byte flips, truncations, inserted and repeated
 * bytes for both encodings; for JSON also numbers, keys and strings replaced by hostile ones and deep nesting; for
 * protobuf also a request merged with itself and fields with huge varints. Deterministic for a given {@link Random}.
 */
final class OtlpMutations {

    /** Numbers that have broken or could break a decoder or storage. */
    static final List<String> HOSTILE_NUMBERS = List.of("1e400000000", "\"1e400000000\"", "-1e400000000", "1e-400000000",
            "\"18446744073709551615\"", "\"18446744073709551616\"", "-1", "\"-9223372036854775808\"", "9223372036854775807",
            "40000", "-40000", "2147483648", "0", "-0", "0.5", "1.0e2", "\"NaN\"", "\"Infinity\"", "1e308", "1e309",
            "\"" + "9".repeat(300) + "\"", "9".repeat(30), "\"10413792000000000000\"", "\"\"", "\" 7 \"", "true", "null", "[]", "{}");
    private static final Pattern NUMBER = Pattern.compile("(?<=[:\\[,]\\s{0,3})(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|\"\\d+\")");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z_]+)\"\\s*:");
    private static final Pattern STRING_VALUE = Pattern.compile(":\\s*(\"[^\"\\\\]*\")");
    private static final List<String> KEYS = List.of("resourceSpans", "scopeSpans", "spans", "resourceLogs", "logRecords",
            "resourceMetrics", "metrics", "dataPoints", "attributes", "value", "body", "arrayValue", "kvlistValue", "values",
            "traceId", "spanId", "parentSpanId", "startTimeUnixNano", "timeUnixNano", "severityNumber", "kind", "status",
            "code", "events", "links", "gauge", "sum", "histogram", "bucketCounts", "explicitBounds", "scale", "count",
            "asDouble", "asInt", "intValue", "doubleValue", "bytesValue", "stringValue", "resource", "unknownField");
    private static final List<String> HOSTILE_STRINGS = List.of("\"\"", "\"zz\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"00000000000000000000000000000000\"", "\"" + "x".repeat(100_000) + "\"", "\"%s%n\"", "\"\u202e\u0000\"",
            "\"AAAA\"", "\"-_-_\"", "1", "{\"stringValue\":\"x\"}", "[\"a\",1]");

    private OtlpMutations() {
    }

    /** One to three mutations of {@code body}; {@code applied} receives their names (to report a failure). */
    static byte[] mutate(byte[] body, boolean json, Random random, List<String> applied) {
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(json ? 11 : 9);
            body = switch (kind) {
                case 0 -> named(applied, "flip", flip(body, random));
                case 1 -> named(applied, "set", setByte(body, random));
                case 2 -> named(applied, "truncate", Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length)));
                case 3 -> named(applied, "insert", insert(body, random.nextInt(body.length + 1), randomBytes(random, 1 + random.nextInt(16))));
                case 4 -> named(applied, "repeat", repeatSlice(body, random));
                default -> json ? mutateJson(body, kind, random, applied) : mutateProtobuf(body, kind, random, applied);
            };
        }
        return body;
    }

    private static byte[] mutateJson(byte[] body, int kind, Random random, List<String> applied) {
        String text = new String(body, StandardCharsets.UTF_8);
        String mutated = switch (kind) {
            case 5, 6, 7 -> {
                applied.add("number");
                yield replaceOne(text, NUMBER, HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size())), random, 1);
            }
            case 8 -> {
                applied.add("key");
                yield replaceOne(text, KEY, KEYS.get(random.nextInt(KEYS.size())), random, 1, true);
            }
            case 9 -> {
                applied.add("string");
                yield replaceOne(text, STRING_VALUE, HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size())), random, 1);
            }
            default -> {
                applied.add("nest");
                int depth = List.of(50, 127, 129, 1_000, 20_000).get(random.nextInt(5));
                int at = random.nextInt(text.length() + 1);
                String open = random.nextBoolean() ? "[".repeat(depth) : "{\"arrayValue\":{\"values\":[".repeat(depth);
                yield text.substring(0, at) + open + (random.nextBoolean() ? "]".repeat(depth) : "") + text.substring(at);
            }
        };
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutateProtobuf(byte[] body, int kind, Random random, List<String> applied) {
        return switch (kind) {
            case 5 -> named(applied, "merge-with-itself", concat(body, body));
            case 6 -> {
                // a varint field with a huge value at a random top-level field number, or inside at a random place
                ByteArrayOutputStream field = new ByteArrayOutputStream();
                writeVarint(field, ((long) (1 + random.nextInt(20)) << 3)); // wire type 0
                writeVarint(field, random.nextBoolean() ? -1L : random.nextLong());
                yield named(applied, "varint", insert(body, random.nextBoolean() ? body.length : random.nextInt(body.length + 1),
                        field.toByteArray()));
            }
            case 7 -> {
                // a length-delimited field announcing more bytes than there are
                ByteArrayOutputStream field = new ByteArrayOutputStream();
                writeVarint(field, ((long) (1 + random.nextInt(20)) << 3) | 2);
                writeVarint(field, random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(1 << 20));
                yield named(applied, "long-length", insert(body, random.nextInt(body.length + 1), field.toByteArray()));
            }
            default -> named(applied, "flip", flip(body, random));
        };
    }

    private static String replaceOne(String text, Pattern pattern, String replacement, Random random, int group) {
        return replaceOne(text, pattern, replacement, random, group, false);
    }

    private static String replaceOne(String text, Pattern pattern, String replacement, Random random, int group, boolean quote) {
        List<int[]> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            matches.add(new int[] {matcher.start(group), matcher.end(group)});
        }
        if (matches.isEmpty()) {
            return text;
        }
        int[] match = matches.get(random.nextInt(matches.size()));
        return text.substring(0, match[0]) + (quote ? "\"" + replacement + "\"" : replacement) + text.substring(match[1]);
    }

    private static byte[] named(List<String> applied, String name, byte[] body) {
        applied.add(name);
        return body;
    }

    private static byte[] flip(byte[] body, Random random) {
        if (body.length == 0) {
            return body;
        }
        byte[] copy = body.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] setByte(byte[] body, Random random) {
        if (body.length == 0) {
            return body;
        }
        byte[] copy = body.clone();
        byte[] special = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '"', '{', '[', '9', '\\', ','};
        copy[random.nextInt(copy.length)] = special[random.nextInt(special.length)];
        return copy;
    }

    private static byte[] repeatSlice(byte[] body, Random random) {
        if (body.length == 0) {
            return body;
        }
        int from = random.nextInt(body.length);
        int to = from + 1 + random.nextInt(Math.min(64, body.length - from));
        byte[] slice = Arrays.copyOfRange(body, from, to);
        byte[] repeated = new byte[slice.length * (1 + random.nextInt(8))];
        for (int i = 0; i < repeated.length; i += slice.length) {
            System.arraycopy(slice, 0, repeated, i, slice.length);
        }
        return insert(body, to, repeated);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        byte[] result = new byte[body.length + inserted.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(body, at, result, at + inserted.length, body.length - at);
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(a, a.length, b);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
