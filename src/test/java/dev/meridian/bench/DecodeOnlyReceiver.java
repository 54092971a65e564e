package dev.meridian.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.meridian.ingest.otlp.DecodeOnly;

/**
 * Not a test: Meridian's OTLP/HTTP receiver without ingest, to measure a load generator and the receive + decode
 * path alone. Set up as {@code OtlpHttpReceiver} is (JDK {@code HttpServer}, backlog 256, a virtual thread per
 * request, the body read in 64 KiB chunks into a buffer sized from Content-Length, gzip inflated), it decodes
 * {@code POST /v1/traces} protobuf bodies with the receiver's own decode and map, and answers 200 with the
 * export response, without storing anything. Every 5 s it prints spans/s decoded and its own CPU use.
 * <pre>
 * bench/ingest.sh receiver [--port 4319] [--bind 0.0.0.0] [--discard] [--refuse-percent 0]
 * </pre>
 * {@code --discard} reads the body and answers without decoding: a sink for measuring the generator alone.
 * {@code --refuse-percent} answers that share of requests 429 with {@code Retry-After: 1} after reading the body,
 * to check a client's retries: what it counts as acknowledged must equal the total decoded here.
 */
public final class DecodeOnlyReceiver {

    private static final int CHUNK = 64 * 1024;
    private static final long MAX_BODY = 64L << 20;
    private static final long REPORT_NANOS = 5_000_000_000L;

    private final boolean discard;
    private final int refusePercent;
    private final LongAdder spans = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private DecodeOnlyReceiver(boolean discard, int refusePercent) {
        this.discard = discard;
        this.refusePercent = refusePercent;
    }

    public static void main(String[] args) throws Exception {
        int port = 4319;
        String bind = "0.0.0.0";
        boolean discard = false;
        int refusePercent = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                case "--discard" -> discard = true;
                case "--refuse-percent" -> refusePercent = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("DecodeOnlyReceiver [--port 4319] [--bind 0.0.0.0] [--discard] [--refuse-percent 0]");
                    System.exit(2);
                }
            }
        }
        DecodeOnlyReceiver receiver = new DecodeOnlyReceiver(discard, refusePercent);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 256);
        server.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-http-", 0).factory()));
        server.createContext("/", receiver::handle);
        server.start();
        System.out.printf("decode-only OTLP/HTTP receiver on %s:%d (%s%s), %d cores, max heap %,d MB%n", bind,
                server.getAddress().getPort(), discard ? "discarding bodies" : "decode + map, nothing stored",
                refusePercent > 0 ? ", " + refusePercent + "% refused with 429" : "",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        receiver.report();
    }

    /** Prints what the last 5 s brought, while anything arrives. */
    private void report() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long last = System.nanoTime();
        long lastCpu = os.getProcessCpuTime();
        long lastSpans = 0;
        long lastRequests = 0;
        long lastBytes = 0;
        while (true) {
            Exporter.parkUntil(last + REPORT_NANOS);
            long now = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            long spanCount = spans.sum();
            long requestCount = requests.sum();
            long byteCount = bytes.sum();
            double seconds = (now - last) / 1e9;
            if (requestCount != lastRequests) {
                System.out.printf("%,10.0f spans/s  %,7.1f requests/s  %,6.1f MB/s  receiver CPU %.2f cores  (total %,d spans, %,d refused)%n",
                        (spanCount - lastSpans) / seconds, (requestCount - lastRequests) / seconds,
                        (byteCount - lastBytes) / seconds / 1e6, (cpu - lastCpu) / 1e9 / seconds, spanCount, refused.sum());
            }
            last = now;
            lastCpu = cpu;
            lastSpans = spanCount;
            lastRequests = requestCount;
            lastBytes = byteCount;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            if (!"/v1/traces".equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "only /v1/traces");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "POST only");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-protobuf")) {
                answer(exchange, 415, "application/x-protobuf only");
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
            byte[] body = readBody(exchange.getRequestBody(), gzip, contentLength(exchange));
            if (body == null) {
                answer(exchange, 413, "body larger than " + MAX_BODY + " bytes");
                return;
            }
            bytes.add(body.length);
            if (refusePercent > 0 && ThreadLocalRandom.current().nextInt(100) < refusePercent) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                answer(exchange, 429, "refused on purpose (--refuse-percent)");
                return;
            }
            byte[] response = new byte[0];
            if (!discard) {
                DecodeOnly.Traces traces;
                try {
                    traces = DecodeOnly.traces(body);
                } catch (IllegalArgumentException e) {
                    answer(exchange, 400, e.getMessage());
                    return;
                }
                spans.add(traces.spans());
                response = traces.response();
            }
            requests.increment();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** As the receiver reads: in 64 KiB chunks, into a buffer sized from Content-Length; null when too large. */
    private static byte[] readBody(InputStream raw, boolean gzip, long declared) throws IOException {
        InputStream in = gzip ? new GZIPInputStream(raw, CHUNK) : raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.clamp(declared + 1, CHUNK, MAX_BODY + 1));
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > MAX_BODY) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private void answer(HttpExchange exchange, int status, String message) throws IOException {
        refused.increment();
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static long contentLength(HttpExchange exchange) {
        try {
            String header = exchange.getRequestHeaders().getFirst("Content-Length");
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
