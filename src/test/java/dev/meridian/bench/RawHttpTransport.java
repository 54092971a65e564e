package dev.meridian.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client on one kept-alive socket: the request head is written into the headroom before
 * the body so that a request is one {@code write}, and the answer is read with a small buffer. It is the
 * cheapest way to send on CPU, which matters when the generator shares the machine with the server it measures.
 *
 * <p>Understands what OTLP servers answer: Content-Length or chunked bodies (read and dropped), Retry-After,
 * {@code Connection: close}. A kept-alive connection that the server had closed (idle timeout) is reopened and
 * the request sent once more before it counts as failed (not after a timeout: that server is slow, not gone).
 */
final class RawHttpTransport implements Transport {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final byte[] head;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean answerStarted;

    RawHttpTransport(URI uri, Duration timeout) {
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
                + "\r\nUser-Agent: meridian-bench-otlp\r\nContent-Type: application/x-protobuf\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
        if (head.length + 24 > HEADROOM) {
            throw new IllegalArgumentException("endpoint too long for the request head: " + uri);
        }
    }

    @Override
    public Response send(byte[] buffer, int offset, int length) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        int start = writeHead(buffer, offset, length);
        try {
            return exchange(buffer, start, offset + length - start);
        } catch (IOException e) {
            close();
            if (!reused || answerStarted || e instanceof java.net.SocketTimeoutException) {
                throw e;
            }
            connect(); // the server had closed the idle connection: once more on a new one
            return exchange(buffer, start, offset + length - start);
        }
    }

    private Response exchange(byte[] buffer, int start, int length) throws IOException {
        answerStarted = false;
        out.write(buffer, start, length);
        try {
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int writeHead(byte[] buffer, int offset, int length) {
        byte[] tail = (length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int start = offset - tail.length - head.length;
        System.arraycopy(head, 0, buffer, start, head.length);
        System.arraycopy(tail, 0, buffer, start + head.length, tail.length);
        return start;
    }

    private void connect() throws IOException {
        Socket created = new Socket();
        try {
            created.setTcpNoDelay(true);
            created.setSoTimeout(timeoutMillis);
            created.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (IOException e) {
            created.close();
            throw e;
        }
        socket = created;
        in = new BufferedInputStream(created.getInputStream(), 8192);
        out = created.getOutputStream();
    }

    private Response readResponse() throws IOException {
        int status;
        String retryAfter = null;
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        do { // skip 1xx interim answers
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            close = statusLine.startsWith("HTTP/1.0");
            for (String line; !(line = readLine()).isEmpty(); ) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "retry-after" -> retryAfter = value;
                    case "connection" -> close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
                    default -> {
                    }
                }
            }
        } while (status / 100 == 1);
        if (chunked) {
            for (long size; (size = Long.parseLong(chunkSize(readLine()), 16)) > 0; ) {
                in.skipNBytes(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength >= 0) {
            in.skipNBytes(contentLength);
        } else if (status != 204 && status != 304) {
            in.transferTo(OutputStream.nullOutputStream()); // the body ends when the server closes
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, retryAfter);
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension < 0 ? line : line.substring(0, extension)).trim();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException(answerStarted ? "connection closed in the answer" : "connection closed before an answer");
            }
            answerStarted = true;
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
            socket = null;
        }
    }
}
