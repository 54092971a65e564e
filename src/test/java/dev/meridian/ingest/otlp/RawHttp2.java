package dev.meridian.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough HTTP/2 over a plain socket to act as a slow or hostile gRPC client: the connection preface,
 * frames, request headers in HPACK without Huffman coding or the dynamic table, and reading the server's frames.
 */
final class RawHttp2 implements AutoCloseable {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int SETTINGS = 0x4;
    static final int GOAWAY = 0x7;
    static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

    /** One frame received from the server. */
    record Frame(int type, int flags, int stream, byte[] payload) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawHttp2(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** The connection preface and an empty SETTINGS frame. */
    RawHttp2 handshake() throws IOException {
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
        return this;
    }

    /** Opens stream 1 with a gRPC POST to {@code path}. */
    void grpcRequestHeaders(String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST
        block.write(0x86); // :scheme http
        literal(block, 0x04, null, path); // :path
        literal(block, 0x01, null, "localhost"); // :authority
        literal(block, 0x00, "content-type", "application/grpc");
        literal(block, 0x00, "te", "trailers");
        frame(HEADERS, 0x4, 1, block.toByteArray()); // END_HEADERS, the stream stays open
    }

    /** Sends {@code data} on stream 1 in DATA frames of at most 16 KiB, without ending the stream. */
    void data(byte[] data) throws IOException {
        for (int offset = 0; offset < data.length; offset += 16 * 1024) {
            int length = Math.min(16 * 1024, data.length - offset);
            byte[] chunk = new byte[length];
            System.arraycopy(data, offset, chunk, 0, length);
            frame(DATA, 0, 1, chunk);
        }
    }

    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        DataOutputStream frame = new DataOutputStream(out);
        frame.writeByte(payload.length >>> 16);
        frame.writeShort(payload.length & 0xffff);
        frame.writeByte(type);
        frame.writeByte(flags);
        frame.writeInt(stream);
        frame.write(payload);
        frame.flush();
    }

    /** The next frame from the server; fails when the connection closes or stays silent for 30 s. */
    Frame read() throws IOException {
        int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, stream, payload);
    }

    /** Reads until the server closes the connection; false if it is still open after 30 s of silence. */
    boolean closedByServer() {
        byte[] sink = new byte[1024];
        try {
            while (in.read(sink) >= 0) {
                // frames before the close (SETTINGS, GOAWAY) are fine
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String name, String value) throws IOException {
        block.write(nameIndex); // literal without indexing
        if (name != null) {
            string(block, name);
        }
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        block.write(bytes.length); // every string here is shorter than 127 bytes
        block.write(bytes);
    }
}
