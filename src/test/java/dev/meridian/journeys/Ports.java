package dev.meridian.journeys;

import java.io.IOException;
import java.net.ServerSocket;

final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago, for the OTLP receivers of a test's application. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
