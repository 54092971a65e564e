package dev.meridian.storage.jdbc;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trained zstd dictionaries for the detail columns of one database, per kind of row. Small values
 * compress poorly alone (a span's detail: ~175 bytes with plain zstd); a dictionary trained on the
 * first {@value #SAMPLES} values of a kind holds their common keys and values. Until it exists,
 * values are compressed without one. Dictionaries are stored in {@code compression_dictionaries}
 * and never change, so every stored value stays readable.
 *
 * <p>The packing side is used by the single writer thread only; readers may call
 * {@link #decompressor(int)} from any thread.
 */
public final class CompressionDictionaries {

    static final String SPANS = "spans";
    static final String LOGS = "logs";
    static final int SAMPLES = 2000;
    static final int DICTIONARY_BYTES = 16 * 1024;
    private static final int LEVEL = 1;
    private static final Logger log = LoggerFactory.getLogger(CompressionDictionaries.class);

    private final JdbcTemplate jdbc;
    private final Map<Integer, ZstdDictDecompress> decompressors = new ConcurrentHashMap<>();
    private final Map<String, Active> active = new HashMap<>();
    private final Map<String, List<byte[]>> samples = new HashMap<>();

    record Active(int id, ZstdDictCompress compressor) {
    }

    CompressionDictionaries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Whether {@link #pack} of this kind may run on several threads at once now: once the kind's dictionary
     * exists, packing only reads it. Writer thread only (it loads the dictionary on first use).
     */
    boolean packsConcurrently(String kind) {
        return active.computeIfAbsent(kind, this::loadLatest).id() != 0;
    }

    /** Compresses a raw detail value of this kind. Writer thread only, unless {@link #packsConcurrently}. */
    byte[] pack(String kind, byte[] raw, int length) {
        Active dictionary = active.computeIfAbsent(kind, this::loadLatest);
        if (dictionary.id() == 0) {
            List<byte[]> kindSamples = samples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (kindSamples.size() < SAMPLES) {
                kindSamples.add(Arrays.copyOf(raw, length));
            }
            return Compression.pack(raw, length);
        }
        return Compression.pack(raw, length, dictionary.id(), dictionary.compressor());
    }

    /**
     * Trains and stores a dictionary for every kind with enough samples, in its own transaction
     * (called by the writer between batches). A failure only postpones it.
     */
    void trainIfReady() {
        for (Map.Entry<String, List<byte[]>> entry : samples.entrySet()) {
            if (entry.getValue().size() < SAMPLES || active.get(entry.getKey()).id() != 0) {
                continue;
            }
            try {
                int total = entry.getValue().stream().mapToInt(s -> s.length).sum();
                ZstdDictTrainer trainer = new ZstdDictTrainer(total + 1024, DICTIONARY_BYTES);
                entry.getValue().forEach(trainer::addSample);
                byte[] dictionary = trainer.trainSamples();
                Integer max = jdbc.queryForObject("SELECT MAX(dictionary_id) FROM compression_dictionaries", Integer.class);
                int id = (max == null ? 0 : max) + 1;
                jdbc.update("INSERT INTO compression_dictionaries (dictionary_id, kind, dictionary) VALUES (?, ?, ?)",
                        id, entry.getKey(), dictionary);
                active.put(entry.getKey(), new Active(id, new ZstdDictCompress(dictionary, LEVEL)));
                log.info("trained a {} byte zstd dictionary #{} for {}", dictionary.length, id, entry.getKey());
            } catch (RuntimeException e) {
                log.warn("training a zstd dictionary for {} failed; values stay compressed without one", entry.getKey(), e);
            }
            entry.getValue().clear();
        }
    }

    private Active loadLatest(String kind) {
        return jdbc.query("SELECT dictionary_id, dictionary FROM compression_dictionaries WHERE kind = ?"
                        + " ORDER BY dictionary_id DESC",
                rs -> rs.next() ? new Active(rs.getInt(1), new ZstdDictCompress(rs.getBytes(2), LEVEL)) : new Active(0, null),
                kind);
    }

    /** The dictionary a stored value names. */
    ZstdDictDecompress decompressor(int id) {
        return decompressors.computeIfAbsent(id, key -> jdbc.query(
                "SELECT dictionary FROM compression_dictionaries WHERE dictionary_id = ?", rs -> {
                    if (!rs.next()) {
                        throw new IllegalStateException("zstd dictionary #" + key + " is missing");
                    }
                    return new ZstdDictDecompress(rs.getBytes(1));
                }, key));
    }
}
