package dev.meridian.storage;

import java.time.Instant;

/**
 * Forgets dictionary entries (service and span names, resources, metric series) that no row written since a
 * cutoff uses, so that retention shrinks the dictionaries too and not only the rows.
 */
public interface DictionaryRetention {

    /** Does nothing: for stores without dictionaries. */
    DictionaryRetention NONE = cutoff -> 0;

    /** Deletes the entries last used before {@code cutoff}; returns how many. */
    int forgetUnusedBefore(Instant cutoff);
}
