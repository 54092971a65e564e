package dev.meridian.ingest.wal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the log, named by the sequence of its first record. A segment is open (holds a file handle)
 * while it is the log's active segment and until the sync thread closes it after a roll; older segments are
 * only a name, a first sequence and a size.
 *
 * <p>Writes go through {@link RandomAccessFile}, not a {@code FileChannel}, because a channel is closed for
 * good when a thread blocked in it is interrupted: one cancelled request thread would fail the whole log.
 * {@link RandomAccessFile#write} and {@link java.io.FileDescriptor#sync} ignore interrupts. Only
 * {@link #force} uses the channel, and only the sync thread calls it, which nobody interrupts.
 *
 * <p>Not thread-safe: the log calls {@link #append}, {@link #size} and {@link #close} under its lock.
 */
final class Segment {

    static final String SUFFIX = ".wal";
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.wal");

    final Path file;
    final long firstSequence;
    private long size;
    private RandomAccessFile handle;

    private Segment(Path file, long firstSequence, long size, RandomAccessFile handle) {
        this.file = file;
        this.firstSequence = firstSequence;
        this.size = size;
        this.handle = handle;
    }

    static Path fileFor(Path dir, long firstSequence) {
        return dir.resolve(String.format("%020d", firstSequence) + SUFFIX);
    }

    /** The segments in dir, closed, ordered by first sequence; other files are ignored. */
    static List<Segment> list(Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file)) {
                    segments.add(new Segment(file, Long.parseLong(name.group(1)), Files.size(file), null));
                }
            }
        }
        segments.sort(Comparator.comparingLong(segment -> segment.firstSequence));
        return segments;
    }

    /** Creates a new, empty segment file, open for appending; fails if the file exists. */
    static Segment create(Path dir, long firstSequence) throws IOException {
        Path file = fileFor(dir, firstSequence);
        // java.io, not Files.createFile: uninterruptible, see the class comment
        if (!file.toFile().createNewFile()) {
            throw new FileAlreadyExistsException(file.toString(), null, "a segment for sequence " + firstSequence + " exists");
        }
        return new Segment(file, firstSequence, 0, new RandomAccessFile(file.toFile(), "rw"));
    }

    /**
     * Opens an existing segment for appending at validEnd, cuts off whatever follows it, and fsyncs: records
     * recovered from the page cache of a killed process may not be on disk yet.
     */
    Segment openForAppend(long validEnd) throws IOException {
        RandomAccessFile opened = new RandomAccessFile(file.toFile(), "rw");
        try {
            if (opened.length() != validEnd) {
                opened.setLength(validEnd);
            }
            opened.getFD().sync();
            opened.seek(validEnd);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        return new Segment(file, firstSequence, validEnd, opened);
    }

    void append(byte[] header, byte[] payload) throws IOException {
        handle.write(header);
        handle.write(payload);
        size += header.length + payload.length;
    }

    /** fdatasync: the records written so far are on disk. Sync thread only (interruptible channel). */
    void force() throws IOException {
        handle.getChannel().force(false);
    }

    /** fsync for threads that may be interrupted (the appender that rolls). */
    void syncFully() throws IOException {
        handle.getFD().sync();
    }

    long size() {
        return size;
    }

    void close() throws IOException {
        if (handle != null) {
            RandomAccessFile closing = handle;
            handle = null;
            closing.close();
        }
    }

    @Override
    public String toString() {
        return file.getFileName() + " (" + size + " bytes)";
    }
}
