package dev.meridian.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how Meridian stores telemetry.
 *
 * @param dataDir   {@code meridian.data-dir} (env {@code MERIDIAN_DATA_DIR}): the directory of the embedded H2
 *                  database; created at startup. The datasource URL defaults to a file in it.
 * @param storage   {@code meridian.storage.*}
 * @param retention {@code meridian.retention.*}
 */
@ConfigurationProperties("meridian")
public record StorageProperties(@DefaultValue("./data") Path dataDir,
                                @DefaultValue Storage storage,
                                @DefaultValue Retention retention) {

    /**
     * @param indexedAttributes span attribute keys written to the attribute side index, so that
     *                          {@code attr=key=value} searches on them are index lookups; other keys are
     *                          searched by scanning the window's spans
     */
    public record Storage(@DefaultValue({"http.route", "http.request.method", "http.response.status_code",
            "url.path", "db.system", "db.name", "db.namespace", "rpc.service", "rpc.method",
            "messaging.destination.name", "error.type", "exception.type", "user.id", "enduser.id",
            "order.id", "customer.id", "tenant.id"}) List<String> indexedAttributes) {
    }

    /**
     * @param maxAge    telemetry older than this is deleted
     * @param interval  how often retention runs
     * @param batchRows at most this many rows per delete statement (each batch is its own transaction)
     * @param timeBudget one run stops after this long and continues next time
     */
    public record Retention(@DefaultValue("7d") Duration maxAge,
                            @DefaultValue("10m") Duration interval,
                            @DefaultValue("20000") int batchRows,
                            @DefaultValue("30s") Duration timeBudget) {
    }
}
