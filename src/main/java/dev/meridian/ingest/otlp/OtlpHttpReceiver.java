package dev.meridian.ingest.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;

/**
 * OTLP/HTTP on its own port, served by a standalone embedded Tomcat that runs one servlet
 * ({@link OtlpHttpServlet}: routes, errors, body limits) and shares nothing with the UI's server: no Spring MVC,
 * no Vaadin, no Spring Security filter, its own engine name (so JMX names, when JMX is on, cannot clash).
 *
 * <p>Why Tomcat and not the JDK's {@code com.sun.net.httpserver} (used before): that server has no header or
 * body read timeout and no connection limit, so 300 clients announcing 64 MB bodies and then stalling held
 * their connections and threads for ever and starved a valid client (issue 7). Tomcat is maintained for
 * exactly this exposure and is already on the class path: {@code connectionTimeout} bounds the wait for
 * every read of the headers and, with blocking servlet reads, of the body ({@code http-read-timeout});
 * {@code keepAliveTimeout} closes idle connections; {@code maxConnections} bounds open connections (further
 * clients wait in the accept backlog); {@code maxHttpHeaderSize} bounds headers; and HTTP/2 cleartext (h2c
 * with prior knowledge, or by upgrade of a request without body) comes with per-stream flow control and
 * read timeouts. Why not a second connector on the UI's
 * Tomcat: every route, filter and security rule of the UI port would have to be fenced off by port. Why not
 * Netty: the only copy on the class path is the one shaded inside grpc-java, whose package is an internal
 * detail of that library.
 *
 * <p>Requests run on virtual threads, so a request waiting for its commit (up to {@code write-timeout})
 * costs no platform thread. Memory: see {@link ReservedBody}; Tomcat's own per-connection buffers are small
 * and bounded by the connection limit.
 *
 * <p>Lifecycle: {@link #start()} builds a new server each time (Spring may stop and start the context's
 * lifecycle beans again); {@link #stop()} stops accepting connections at once and lets running requests get
 * their commit and answer (up to {@code write-timeout}) before closing what is left.
 */
final class OtlpHttpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OtlpHttpReceiver.class);
    /** OTLP requests carry a few short headers; the longest is usually a bearer token. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final OtlpProperties properties;
    private final OtlpIngest ingest;
    private final InflightBytes inflight;
    private final OtlpLimits limits;
    private volatile Running running;

    /** One started server: Tomcat, its connector and servlet, the request threads and Tomcat's base directory. */
    private record Running(Tomcat tomcat, Connector connector, OtlpHttpServlet servlet, ExecutorService executor, Path baseDir) {
    }

    OtlpHttpReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        this(properties, ingest, inflight, OtlpLimits.DEFAULTS);
    }

    OtlpHttpReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight, OtlpLimits limits) {
        this.properties = properties;
        this.ingest = ingest;
        this.inflight = inflight;
        this.limits = limits;
    }

    /** The bound port; -1 when not running. */
    int port() {
        Running current = running;
        return current == null ? -1 : current.connector().getLocalPort();
    }

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        Path baseDir = createBaseDir();
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-http-", 0).factory());
        OtlpHttpServlet servlet = new OtlpHttpServlet(properties, ingest, inflight, new BearerTokens(properties.bearerTokens()),
                limits);
        Tomcat tomcat = new Tomcat();
        Connector connector = connector(executor);
        try {
            // Spring Boot keeps Tomcat from installing its JVM-wide URL stream handler factory; a second Tomcat
            // must not install it either (it serves no war: URLs, and a factory can be set once per JVM).
            TomcatURLStreamHandlerFactory.disable();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.getServer().setUtilityThreads(1);
            tomcat.getService().setName("otlp-http");
            tomcat.getEngine().setName("otlp-http");
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            ErrorReportValve errors = new ErrorReportValve(); // Tomcat's own errors (bad request line…) without version or stack
            errors.setShowReport(false);
            errors.setShowServerInfo(false);
            tomcat.getHost().getPipeline().addValve(errors);
            tomcat.getHost().setAutoDeploy(false);
            Context context = tomcat.addContext("", null);
            context.setParentClassLoader(OtlpHttpReceiver.class.getClassLoader());
            if (context instanceof StandardContext standard) {
                // no web application is undeployed here: skip the leak checks that warn without --add-opens
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }
            Tomcat.addServlet(context, "otlp", servlet);
            context.addServletMappingDecoded("/", "otlp");
            tomcat.start();
            if (connector.getState() != LifecycleState.STARTED) {
                throw new LifecycleException("the connector did not start (is the port in use?)");
            }
        } catch (LifecycleException | RuntimeException e) {
            destroy(tomcat);
            executor.shutdownNow();
            deleteQuietly(baseDir);
            throw new IllegalStateException("cannot listen for OTLP/HTTP on " + properties.bindAddress() + ":"
                    + properties.httpPort() + " (meridian.otlp.http-port): " + e.getMessage(), e);
        }
        running = new Running(tomcat, connector, servlet, executor, baseDir);
        log.info("OTLP/HTTP receiver listening on {}:{} (read timeout {}, at most {} connections{})", properties.bindAddress(),
                port(), properties.httpReadTimeout(), properties.httpMaxConnections(),
                properties.bearerTokens().isEmpty() ? "" : ", bearer token required");
    }

    private Connector connector(ExecutorService executor) {
        Http11NioProtocol http = new Http11NioProtocol();
        try {
            http.setAddress(InetAddress.getByName(properties.bindAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("meridian.otlp.bind-address: " + e.getMessage(), e);
        }
        http.setPort(properties.httpPort());
        http.setExecutor(executor);
        int readTimeout = (int) properties.httpReadTimeout().toMillis();
        http.setConnectionTimeout(readTimeout); // headers, and with blocking reads the body too
        http.setKeepAliveTimeout((int) properties.httpKeepAliveTimeout().toMillis());
        http.setMaxConnections(properties.httpMaxConnections());
        http.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
        Http2Protocol h2c = new UpgradeWithoutBody();
        h2c.setReadTimeout(readTimeout);
        h2c.setStreamReadTimeout(readTimeout);
        h2c.setKeepAliveTimeout(properties.httpKeepAliveTimeout().toMillis());
        http.addUpgradeProtocol(h2c);
        Connector connector = new Connector(http);
        connector.setPort(properties.httpPort());
        connector.setThrowOnFailure(true);
        return connector;
    }

    /**
     * HTTP/2 cleartext, but an HTTP/1.1 request with a body is never upgraded: Tomcat would first buffer the
     * whole body outside the byte budget (and refuse with 413 what exceeds {@code maxSavePostSize}, as it did
     * to the JDK HttpClient, which offers {@code Upgrade: h2c} on its first request). Such a request is answered
     * over HTTP/1.1. HTTP/2 with prior knowledge and upgrades of body-less requests work as usual.
     */
    private static final class UpgradeWithoutBody extends Http2Protocol {
        @Override
        public boolean accept(Request request) {
            return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null && super.accept(request);
        }
    }

    /**
     * Stops accepting connections and gives running requests time to get their commit and answer (up to the
     * write timeout), then closes what is left.
     */
    @Override
    public synchronized void stop() {
        Running current = running;
        if (current == null) {
            return;
        }
        running = null;
        current.connector().getProtocolHandler().closeServerSocketGraceful();
        try {
            if (!current.servlet().drain(properties.writeTimeout().toMillis())) {
                log.warn("OTLP/HTTP requests still running after {}; closing their connections", properties.writeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy(current.tomcat());
        current.executor().shutdown();
        try {
            if (!current.executor().awaitTermination(5, TimeUnit.SECONDS)) {
                current.executor().shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.executor().shutdownNow();
        }
        deleteQuietly(current.baseDir());
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    @Override
    public int getPhase() {
        return IngestPipeline.RECEIVER_PHASE;
    }

    private static void destroy(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            log.warn("OTLP/HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    /** Tomcat wants a base directory (for its work directory) even though this server serves no files. */
    private static Path createBaseDir() {
        try {
            return Files.createTempDirectory("meridian-otlp-http");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the OTLP/HTTP server", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.debug("cannot delete {}: {}", dir, e.toString());
        }
    }
}
