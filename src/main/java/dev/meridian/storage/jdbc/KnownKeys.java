package dev.meridian.storage.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute keys of the OpenTelemetry semantic conventions, encoded as their index. Append only:
 * stored rows refer to these positions forever.
 */
final class KnownKeys {

    private static final List<String> KEYS = List.of(
            "service.name", "service.version", "service.namespace", "service.instance.id",
            "deployment.environment", "deployment.environment.name", "host.name", "host.arch", "host.id",
            "os.type", "os.description", "process.pid", "process.executable.path", "process.command_line",
            "process.runtime.name", "process.runtime.version", "process.runtime.description",
            "telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version", "telemetry.distro.name",
            "telemetry.distro.version", "container.id", "k8s.pod.name", "k8s.namespace.name", "k8s.node.name",
            "k8s.deployment.name", "cloud.provider", "cloud.region",
            "http.request.method", "http.response.status_code", "http.route", "url.path", "url.query",
            "url.scheme", "url.full", "server.address", "server.port", "client.address", "client.port",
            "network.protocol.version", "network.peer.address", "network.peer.port", "user_agent.original",
            "http.request.body.size", "http.response.body.size",
            "db.system", "db.name", "db.namespace", "db.statement", "db.query.text", "db.operation",
            "db.operation.name", "db.collection.name", "db.user",
            "rpc.system", "rpc.service", "rpc.method", "rpc.grpc.status_code",
            "messaging.system", "messaging.destination.name", "messaging.operation", "messaging.message.id",
            "thread.id", "thread.name", "code.function", "code.namespace", "code.filepath", "code.lineno",
            "exception.type", "exception.message", "exception.stacktrace", "exception.escaped", "error.type",
            "http.method", "http.status_code", "http.url", "http.target", "http.scheme", "net.peer.name",
            "net.peer.port", "net.host.name", "net.host.port", "enduser.id", "user.id", "peer.service");

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < KEYS.size(); i++) {
            INDEX.put(KEYS.get(i), i);
        }
    }

    private KnownKeys() {
    }

    static int indexOf(String key) {
        return INDEX.getOrDefault(key, -1);
    }

    static String keyAt(int index) {
        return KEYS.get(index);
    }
}
