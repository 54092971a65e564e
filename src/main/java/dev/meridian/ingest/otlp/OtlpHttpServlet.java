package dev.meridian.ingest.otlp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestOverloadedException;
import dev.meridian.ingest.IngestUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The OTLP/HTTP exchange: {@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} with
 * {@code application/x-protobuf} or {@code application/json} bodies, identity or gzip encoded; the answer is in
 * the request's content type. Served by {@link OtlpHttpReceiver}'s own container, never by the UI's.
 *
 * <p>Errors: 401 missing or wrong bearer token when tokens are configured ({@code WWW-Authenticate: Bearer}),
 * 404 unknown path, 405 not POST ({@code Allow: POST}), 415 unsupported content type or encoding, 413 body
 * larger than {@code max-body-bytes} (by Content-Length at once, otherwise while reading and inflating), 400
 * undecodable body, 429 overloaded ({@code Retry-After}), 503 storage failed or timed out. Error bodies are
 * {@code google.rpc.Status} in the request's content type (JSON when it is not supported).
 *
 * <p>Memory: the body is read into a buffer that grows only as bytes arrive and only after the growth is
 * reserved in the in-flight byte budget ({@link ReservedBody}); the reservation is held until the answer.
 */
final class OtlpHttpServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(OtlpHttpServlet.class);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int DRAIN_CHUNK = 64 * 1024;
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final transient OtlpProperties properties;
    private final transient OtlpIngest ingest;
    private final transient InflightBytes inflight;
    private final transient BearerTokens tokens;
    private final transient OtlpLimits limits;
    private final transient Object activity = new Object();
    private int active;
    private volatile boolean draining;

    OtlpHttpServlet(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight, BearerTokens tokens,
                    OtlpLimits limits) {
        this.properties = properties;
        this.ingest = ingest;
        this.inflight = inflight;
        this.tokens = tokens;
        this.limits = limits;
    }

    /**
     * From now on every answer closes its connection, then waits up to {@code timeoutMillis} for the requests
     * running now to be answered. Returns whether they all were.
     */
    boolean drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (activity) {
            while (active > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                activity.wait(left);
            }
        }
        return true;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        synchronized (activity) {
            active++;
        }
        try {
            if (draining && request.getProtocol().startsWith("HTTP/1")) {
                response.setHeader("Connection", "close");
            }
            handle(request, response);
        } finally {
            synchronized (activity) {
                active--;
                activity.notifyAll();
            }
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) {
        String format = null;
        try {
            String contentType = request.getHeader("Content-Type");
            format = mediaType(contentType);
            if (!tokens.allows(request.getHeader("Authorization"))) {
                response.setHeader("WWW-Authenticate", "Bearer");
                error(response, format, 401, Code.UNAUTHENTICATED,
                        "missing or wrong bearer token: send 'Authorization: Bearer <token>' (meridian.otlp.bearer-tokens)");
                return;
            }
            String path = request.getRequestURI();
            OtlpSignal signal = OtlpSignal.forHttpPath(path);
            if (signal == null) {
                error(response, format, 404, Code.NOT_FOUND, "no OTLP endpoint at '" + abbreviate(path)
                        + "'; use POST /v1/traces, /v1/metrics or /v1/logs");
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                error(response, format, 405, Code.UNIMPLEMENTED, "method " + request.getMethod() + " is not allowed on "
                        + path + "; use POST");
                return;
            }
            if (format == null) {
                error(response, null, 415, Code.INVALID_ARGUMENT, "unsupported content type '"
                        + abbreviate(contentType) + "'; use " + PROTOBUF + " or " + JSON);
                return;
            }
            String encoding = request.getHeader("Content-Encoding");
            boolean gzip;
            if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
                gzip = false;
            } else if (encoding.trim().equalsIgnoreCase("gzip") || encoding.trim().equalsIgnoreCase("x-gzip")) {
                gzip = true;
            } else {
                error(response, format, 415, Code.INVALID_ARGUMENT, "unsupported content encoding '" + abbreviate(encoding) + "'; use gzip or identity");
                return;
            }
            export(request, response, signal, format, gzip);
        } catch (IOException e) {
            // the client went away, or sent nothing for the read timeout: the container closes the connection
            log.debug("OTLP/HTTP exchange failed: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("OTLP/HTTP request failed unexpectedly", e);
            try {
                if (!response.isCommitted()) {
                    error(response, format, 500, Code.INTERNAL, "internal error: " + e);
                }
            } catch (IOException | RuntimeException ignored) {
                // the answer cannot be sent; the container closes the connection
            }
        }
    }

    private void export(HttpServletRequest request, HttpServletResponse response, OtlpSignal signal, String format, boolean gzip)
            throws IOException {
        int max = properties.maxBody();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            closeAfterAnswer(request, response);
            error(response, format, 413, Code.RESOURCE_EXHAUSTED, "request body of " + declared + " bytes is larger than the limit of "
                    + max + " bytes (meridian.otlp.max-body-bytes)");
            return;
        }
        RequestBytes reserved = new RequestBytes(inflight, properties.retryAfter());
        try {
            byte[] body;
            InputStream raw = request.getInputStream();
            try {
                String tooLarge = "request body is larger than the limit of " + max + " bytes"
                        + (gzip ? " after decompression" : "") + " (meridian.otlp.max-body-bytes)";
                body = gzip ? ReservedBody.read(new GZIPInputStream(raw, 8 * 1024), -1, max, reserved, tooLarge)
                        : ReservedBody.read(raw, declared, max, reserved, tooLarge);
            } catch (ReservedBody.BodyTooLargeException e) {
                drain(raw, max);
                error(response, format, 413, Code.RESOURCE_EXHAUSTED, e.getMessage());
                return;
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e; // the client went away mid-body
                }
                error(response, format, 400, Code.INVALID_ARGUMENT, "invalid gzip body: " + e.getMessage());
                return;
            }
            Decoded decoded;
            try {
                decoded = JSON.equals(format) ? signal.decodeJson(body, limits) : signal.decodeProtobuf(body, limits);
            } catch (OtlpDecodingException e) {
                error(response, format, 400, Code.INVALID_ARGUMENT, e.getMessage());
                return;
            }
            body = null; // let the bytes go while the batch waits for its commit
            Message answer = ingest.export(signal, decoded);
            respond(response, format, 200, answer);
        } catch (IngestOverloadedException e) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            error(response, format, 429, Code.RESOURCE_EXHAUSTED, e.getMessage());
        } catch (IngestUnavailableException e) {
            error(response, format, 503, Code.UNAVAILABLE, e.getMessage());
        } finally {
            reserved.close();
        }
    }

    /**
     * Reads and discards what is left of a refused body (compressed bytes are not inflated), up to
     * {@code limit} bytes, so that a client still sending gets the answer instead of a reset connection.
     * Beyond that the container closes the connection after the answer.
     */
    private static void drain(InputStream raw, long limit) {
        byte[] sink = new byte[DRAIN_CHUNK];
        long drained = 0;
        try {
            for (int n; drained < limit && (n = raw.read(sink)) > 0; ) {
                drained += n;
            }
        } catch (IOException ignored) {
            // the client gave up; the answer below may not reach it either
        }
    }

    /** HTTP/1.x only: HTTP/2 has no {@code Connection} header, and its stream ends without closing the connection. */
    private static void closeAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
        if (request.getProtocol().startsWith("HTTP/1")) {
            response.setHeader("Connection", "close");
        }
    }

    private static void respond(HttpServletResponse response, String format, int status, Message message) throws IOException {
        byte[] bytes = JSON.equals(format) ? JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
        response.setStatus(status);
        response.setContentType(format);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    private static void error(HttpServletResponse response, String format, int status, Code code, String message) throws IOException {
        Status body = Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
        respond(response, format == null ? JSON : format, status, body);
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
}
