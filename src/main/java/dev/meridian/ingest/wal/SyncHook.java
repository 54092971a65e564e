package dev.meridian.ingest.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Test seam: called on the sync thread just before each group-commit fsync of a segment. A test blocks in it
 * to see that no future completes before the fsync, or throws to play a failing disk.
 */
@FunctionalInterface
interface SyncHook {

    SyncHook NONE = segment -> { };

    void beforeSync(Path segment) throws IOException;
}
