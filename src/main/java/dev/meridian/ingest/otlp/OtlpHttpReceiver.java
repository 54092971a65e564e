package dev.meridian.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestOverloadedException;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestUnavailableException;

/**
 * OTLP/HTTP: {@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} with {@code application/x-protobuf}
 * or {@code application/json} bodies, identity or gzip encoded; the answer is in the request's content type.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver} and not a second Tomcat connector: OTLP needs a separate
 * port with four fixed routes and full control over how the body is read (limits counted while inflating,
 * bytes reserved as they arrive). A second connector would share the servlet container with the UI: every
 * route, filter and security rule of port 8080 would need to be fenced off by port, and request bodies would
 * go through the servlet stack's own size rules. The JDK server is small, has no shared state with the UI,
 * and with a virtual thread per request a request waiting for its commit costs no platform thread.
 *
 * <p>Errors: 404 unknown path, 405 not POST ({@code Allow: POST}), 415 unsupported content type or encoding,
 * 413 body larger than {@code max-body-bytes} (by Content-Length at once, otherwise while reading and
 * inflating), 400 undecodable body, 429 overloaded ({@code Retry-After}), 503 storage failed or timed out.
 * Error bodies are {@code google.rpc.Status} in the request's content type (JSON when it is not supported).
 */
final class OtlpHttpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OtlpHttpReceiver.class);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int CHUNK = 64 * 1024;
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final OtlpProperties properties;
    private final OtlpIngest ingest;
    private final InflightBytes inflight;
    private volatile HttpServer server;
    private ExecutorService executor;

    OtlpHttpReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        this.properties = properties;
        this.ingest = ingest;
        this.inflight = inflight;
    }

    /** The bound port; -1 when not running. */
    int port() {
        HttpServer current = server;
        return current == null ? -1 : current.getAddress().getPort();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(properties.bindAddress(), properties.httpPort()), 256);
            executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-http-", 0).factory());
            created.setExecutor(executor);
            created.createContext("/", this::handle);
            created.start();
            server = created;
            log.info("OTLP/HTTP receiver listening on {}:{}", properties.bindAddress(), port());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for OTLP/HTTP on " + properties.bindAddress() + ":"
                    + properties.httpPort() + " (meridian.otlp.http-port): " + e.getMessage(), e);
        }
    }

    /**
     * Stops accepting connections and gives running requests time to get their commit and answer (up to the
     * write timeout, at most 10 s), then closes what is left.
     */
    @Override
    public synchronized void stop() {
        HttpServer current = server;
        if (current == null) {
            return;
        }
        server = null;
        current.stop((int) Math.min(10, Math.max(1, properties.writeTimeout().toSeconds())));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return IngestPipeline.RECEIVER_PHASE;
    }

    private void handle(HttpExchange exchange) {
        String format = null;
        try (exchange) {
            format = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
            String path = exchange.getRequestURI().getPath();
            OtlpSignal signal = OtlpSignal.forHttpPath(path);
            if (signal == null) {
                error(exchange, format, 404, Code.NOT_FOUND, "no OTLP endpoint at '" + abbreviate(path)
                        + "'; use POST /v1/traces, /v1/metrics or /v1/logs");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                error(exchange, format, 405, Code.UNIMPLEMENTED, "method " + exchange.getRequestMethod() + " is not allowed on "
                        + path + "; use POST");
                return;
            }
            if (format == null) {
                error(exchange, null, 415, Code.INVALID_ARGUMENT, "unsupported content type '"
                        + abbreviate(exchange.getRequestHeaders().getFirst("Content-Type")) + "'; use " + PROTOBUF + " or " + JSON);
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            boolean gzip;
            if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
                gzip = false;
            } else if (encoding.trim().equalsIgnoreCase("gzip") || encoding.trim().equalsIgnoreCase("x-gzip")) {
                gzip = true;
            } else {
                error(exchange, format, 415, Code.INVALID_ARGUMENT, "unsupported content encoding '" + abbreviate(encoding) + "'; use gzip or identity");
                return;
            }
            export(exchange, signal, format, gzip);
        } catch (IOException e) {
            log.debug("OTLP/HTTP exchange failed: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("OTLP/HTTP request failed unexpectedly", e);
            try {
                error(exchange, format, 500, Code.INTERNAL, "internal error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // the response was already started; closing the exchange is all that is left
            }
        }
    }

    private void export(HttpExchange exchange, OtlpSignal signal, String format, boolean gzip) throws IOException {
        long max = properties.maxBody();
        long declared = contentLength(exchange);
        if (declared > max) {
            exchange.getResponseHeaders().set("Connection", "close");
            error(exchange, format, 413, Code.RESOURCE_EXHAUSTED, "request body of " + declared + " bytes is larger than the limit of "
                    + max + " bytes (meridian.otlp.max-body-bytes)");
            return;
        }
        Reservation reservation = new Reservation();
        try {
            byte[] body;
            try {
                body = readBody(exchange.getRequestBody(), gzip, max, declared, reservation);
            } catch (BodyTooLargeException e) {
                drain(exchange.getRequestBody(), max);
                error(exchange, format, 413, Code.RESOURCE_EXHAUSTED, e.getMessage());
                return;
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e; // the client went away mid-body
                }
                error(exchange, format, 400, Code.INVALID_ARGUMENT, "invalid gzip body: " + e.getMessage());
                return;
            }
            Decoded decoded;
            try {
                decoded = JSON.equals(format) ? signal.decodeJson(body) : signal.decodeProtobuf(body);
            } catch (OtlpDecodingException e) {
                error(exchange, format, 400, Code.INVALID_ARGUMENT, e.getMessage());
                return;
            }
            body = null; // let the bytes go while the batch waits for its commit
            Message response = ingest.export(signal, decoded);
            respond(exchange, format, 200, response);
        } catch (IngestOverloadedException e) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            error(exchange, format, 429, Code.RESOURCE_EXHAUSTED, e.getMessage());
        } catch (IngestUnavailableException e) {
            error(exchange, format, 503, Code.UNAVAILABLE, e.getMessage());
        } finally {
            reservation.releaseAll();
        }
    }

    /** Reads the body, inflating gzip, and stops as soon as more than {@code max} bytes came out. */
    private byte[] readBody(InputStream raw, boolean gzip, long max, long declared, Reservation reservation) throws IOException {
        InputStream in = gzip ? new GZIPInputStream(raw, CHUNK) : raw;
        // Sized from Content-Length (the compressed size for gzip) so that a plain body is not copied while it grows.
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.clamp(declared + 1, CHUNK, max + 1));
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > max) {
                throw new BodyTooLargeException("request body is larger than the limit of " + max + " bytes"
                        + (gzip ? " after decompression" : "") + " (meridian.otlp.max-body-bytes)");
            }
            reservation.acquire(n);
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads and discards what is left of a refused body (compressed bytes are not inflated), up to
     * {@code limit} bytes, so that a client still sending gets the answer instead of a reset connection.
     * Beyond that the connection is closed after the answer.
     */
    private static void drain(InputStream raw, long limit) {
        byte[] sink = new byte[CHUNK];
        long drained = 0;
        try {
            for (int n; drained < limit && (n = raw.read(sink)) > 0; ) {
                drained += n;
            }
        } catch (IOException ignored) {
            // the client gave up; the answer below may not reach it either
        }
    }

    private void respond(HttpExchange exchange, String format, int status, Message message) throws IOException {
        byte[] bytes = JSON.equals(format) ? JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", format);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        // Closing the body stream flushes the answer before the server drains an unread request body.
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    private void error(HttpExchange exchange, String format, int status, Code code, String message) throws IOException {
        Status body = Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
        respond(exchange, format == null ? JSON : format, status, body);
    }

    private static long contentLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** {@code application/x-protobuf} or {@code application/json} (parameters such as charset ignored), else null. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return PROTOBUF.equals(type) || JSON.equals(type) ? type : null;
    }

    /** This request's share of the in-flight byte budget. */
    private final class Reservation {
        private long held;

        void acquire(long bytes) {
            if (!inflight.tryAcquire(bytes)) {
                throw new IngestOverloadedException("the server is busy: " + inflight.used() + " of " + inflight.limit()
                        + " request bytes are in flight (meridian.otlp.max-inflight-bytes); retry later",
                        properties.retryAfter());
            }
            held += bytes;
        }

        void releaseAll() {
            inflight.release(held);
            held = 0;
        }
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}
