package dev.meridian.ingest.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    static final WalSettings ONE_BIG_SEGMENT = new WalSettings(64L << 20, Duration.ZERO);
    static final WalSettings SMALL_SEGMENTS = new WalSettings(1024, Duration.ZERO);

    @TempDir
    Path dir;

    final List<WriteAheadLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(WriteAheadLog::close);
    }

    WriteAheadLog open(WalSettings settings) throws IOException {
        return track(WriteAheadLog.open(dir, settings));
    }

    WriteAheadLog open(WalSettings settings, SyncHook hook) throws IOException {
        return track(WriteAheadLog.open(dir, settings, hook));
    }

    WriteAheadLog track(WriteAheadLog log) {
        opened.add(log);
        return log;
    }

    record Replayed(long sequence, byte type, String payload) {
    }

    static List<Replayed> replay(WriteAheadLog log, long afterSequence) throws IOException {
        List<Replayed> records = new ArrayList<>();
        log.replay(afterSequence, (sequence, type, payload) -> records.add(new Replayed(sequence, type, new String(payload, UTF_8))));
        return records;
    }

    /** Payloads of different sizes, 20 to about 320 bytes. */
    static String text(long i) {
        return "record " + i + " " + "x".repeat((int) (i * 37 % 300));
    }

    /** Appends records 1..count (type i % 5, payload text(i)) and waits for all of them. */
    static void appendAndWait(WriteAheadLog log, int count) {
        long first = log.lastSequence() + 1;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            futures.add(log.append((byte) (i % 5), text(i).getBytes(UTF_8)));
        }
        for (int i = 0; i < count; i++) {
            assertThat(futures.get(i).join()).isEqualTo(first + i);
        }
    }

    static List<Replayed> expected(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> new Replayed(i, (byte) (i % 5), text(i))).toList();
    }

    List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".wal")).sorted().toList();
        }
    }

    static long firstSequenceOf(Path segment) {
        return Long.parseLong(segment.getFileName().toString().replace(".wal", ""));
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void open_emptyDirectory_createsItAndStartsAtSequenceOne() throws Exception {
        dir = dir.resolve("a/b");
        WriteAheadLog log = open(ONE_BIG_SEGMENT);

        assertThat(log.lastSequence()).isZero();
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.bytesOnDisk()).isZero();
        assertThat(log.append((byte) 1, new byte[0]).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(segmentFiles()).extracting(file -> file.getFileName().toString()).containsExactly("00000000000000000001.wal");
    }

    @Test
    void replay_returnsEveryRecordInOrderAcrossSegments() throws Exception {
        WriteAheadLog log = open(SMALL_SEGMENTS);

        appendAndWait(log, 100);

        assertThat(log.segmentCount()).isGreaterThan(5);
        assertThat(log.lastSequence()).isEqualTo(100);
        assertThat(replay(log, 0)).isEqualTo(expected(1, 100));
        assertThat(replay(log, 60)).isEqualTo(expected(61, 100));
        assertThat(replay(log, 100)).isEmpty();
        assertThat(log.bytesOnDisk()).isEqualTo(sizeOf(segmentFiles()));
    }

    @Test
    void replay_ofAReopenedLog_returnsWhatWasAppended() throws Exception {
        appendAndWait(open(SMALL_SEGMENTS), 50);
        opened.getFirst().close();

        WriteAheadLog reopened = open(SMALL_SEGMENTS);

        assertThat(replay(reopened, 0)).isEqualTo(expected(1, 50));
    }

    @Test
    void open_afterClose_continuesTheSequence() throws Exception {
        WriteAheadLog log = open(SMALL_SEGMENTS);
        appendAndWait(log, 10);
        log.close();

        WriteAheadLog reopened = open(SMALL_SEGMENTS);

        assertThat(reopened.lastSequence()).isEqualTo(10);
        appendAndWait(reopened, 5);
        assertThat(replay(reopened, 0)).isEqualTo(expected(1, 15));
    }

    @Test
    void open_lastSegmentShortenedByAFewBytes_cutsTheTornRecordAndKeepsTheEarlierOnes() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);
        appendAndWait(log, 20);
        log.close();
        Path segment = segmentFiles().getLast();
        long withTwenty = Files.size(segment);
        long lastFrame = WalFrame.HEADER_BYTES + text(20).getBytes(UTF_8).length;
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.setLength(withTwenty - 3);
        }

        WriteAheadLog reopened = open(ONE_BIG_SEGMENT);

        assertThat(reopened.lastSequence()).isEqualTo(19);
        assertThat(Files.size(segment)).isEqualTo(withTwenty - lastFrame);
        assertThat(replay(reopened, 0)).isEqualTo(expected(1, 19));
        appendAndWait(reopened, 1);
        assertThat(replay(reopened, 0)).isEqualTo(expected(1, 20));
    }

    @Test
    void open_garbageAfterTheLastRecord_isCutOff() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);
        appendAndWait(log, 5);
        log.close();
        Path segment = segmentFiles().getLast();
        long valid = Files.size(segment);
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0x55);
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        WriteAheadLog reopened = open(ONE_BIG_SEGMENT);

        assertThat(Files.size(segment)).isEqualTo(valid);
        appendAndWait(reopened, 1);
        reopened.close();
        assertThat(replay(open(ONE_BIG_SEGMENT), 0)).isEqualTo(expected(1, 6));
    }

    @Test
    void open_flippedByteInTheLastRecord_cutsThatRecord() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);
        appendAndWait(log, 5);
        log.close();
        Path segment = segmentFiles().getLast();
        flipByte(segment, Files.size(segment) - 1);

        WriteAheadLog reopened = open(ONE_BIG_SEGMENT);

        assertThat(reopened.lastSequence()).isEqualTo(4);
        assertThat(replay(reopened, 0)).isEqualTo(expected(1, 4));
    }

    @Test
    void replay_invalidRecordInAnOlderSegment_failsNamingTheFileAndTheRecords() throws Exception {
        WriteAheadLog log = open(SMALL_SEGMENTS);
        appendAndWait(log, 30);
        log.close();
        Path first = segmentFiles().getFirst();
        long firstRecordFrame = WalFrame.HEADER_BYTES + text(1).getBytes(UTF_8).length;
        flipByte(first, firstRecordFrame + WalFrame.HEADER_BYTES + 2);

        WriteAheadLog reopened = open(SMALL_SEGMENTS);

        assertThat(reopened.lastSequence()).isEqualTo(30);
        assertThatThrownBy(() -> replay(reopened, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(first.toString())
                .hasMessageContaining("checksum mismatch in record 2")
                .hasMessageContaining("records 2 to");
        // records before the corrupt one were delivered; a replay past the corrupt segment succeeds
        long afterFirstSegment = firstSequenceOf(segmentFiles().get(1)) - 1;
        assertThat(replay(reopened, afterFirstSegment)).isEqualTo(expected(afterFirstSegment + 1, 30));
    }

    @Test
    void replay_olderSegmentMissing_failsSayingRecordsAreMissing() throws Exception {
        WriteAheadLog log = open(SMALL_SEGMENTS);
        appendAndWait(log, 30);
        log.close();
        Files.delete(segmentFiles().get(1));

        WriteAheadLog reopened = open(SMALL_SEGMENTS);

        assertThatThrownBy(() -> replay(reopened, 0)).isInstanceOf(IOException.class).hasMessageContaining("next segment starts at");
    }

    @Test
    void truncateThrough_deletesOnlyOlderSegmentsWhoseRecordsAreAllCovered() throws Exception {
        WriteAheadLog log = open(SMALL_SEGMENTS);
        appendAndWait(log, 40);
        List<Path> before = segmentFiles();
        long secondStarts = firstSequenceOf(before.get(1));
        long thirdStarts = firstSequenceOf(before.get(2));

        log.truncateThrough(secondStarts - 2);
        assertThat(segmentFiles()).isEqualTo(before);

        log.truncateThrough(secondStarts - 1);
        assertThat(segmentFiles()).isEqualTo(before.subList(1, before.size()));

        log.truncateThrough(thirdStarts);
        assertThat(segmentFiles()).isEqualTo(before.subList(2, before.size()));
        assertThat(log.segmentCount()).isEqualTo(before.size() - 2);
        assertThat(log.bytesOnDisk()).isEqualTo(sizeOf(segmentFiles()));
        assertThat(replay(log, 0)).isEqualTo(expected(thirdStarts, 40));
    }

    @Test
    void truncateThrough_everything_keepsTheActiveSegmentSoTheSequenceContinues() throws Exception {
        // every record is larger than a segment: each append rolls, the active segment is always empty
        WalSettings tiny = new WalSettings(10, Duration.ZERO);
        WriteAheadLog log = open(tiny);
        appendAndWait(log, 7);
        assertThat(log.segmentCount()).isEqualTo(8);

        log.truncateThrough(Long.MAX_VALUE);

        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.bytesOnDisk()).isZero();
        assertThat(segmentFiles()).extracting(file -> file.getFileName().toString()).containsExactly("00000000000000000008.wal");
        log.close();
        WriteAheadLog reopened = open(tiny);
        assertThat(reopened.lastSequence()).isEqualTo(7);
        assertThat(replay(reopened, 0)).isEmpty();
        appendAndWait(reopened, 1);
        assertThat(replay(reopened, 0)).isEqualTo(expected(8, 8));
    }

    @Test
    void truncateThrough_neverDeletesTheActiveSegment() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);
        appendAndWait(log, 10);

        log.truncateThrough(10);

        assertThat(segmentFiles()).hasSize(1);
        assertThat(replay(log, 0)).isEqualTo(expected(1, 10));
    }

    @Test
    void append_fromManyThreads_completesAllAndReplaysInOrderWithoutGaps() throws Exception {
        WriteAheadLog log = open(new WalSettings(16 * 1024, Duration.ZERO));
        int threads = 16;
        int perThread = 300;
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            appenders.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    String payload = "thread " + thread + " record " + i + " " + "y".repeat(i % 200);
                    long sequence = log.append((byte) thread, payload.getBytes(UTF_8)).join();
                    acknowledged.put(sequence, thread + ":" + payload);
                }
            }));
        }
        start.countDown();
        for (Thread appender : appenders) {
            appender.join();
        }

        int total = threads * perThread;
        assertThat(acknowledged).hasSize(total);
        assertThat(log.lastSequence()).isEqualTo(total);
        assertThat(log.segmentCount()).isGreaterThan(10);
        List<Replayed> replayed = replay(log, 0);
        assertThat(replayed).extracting(Replayed::sequence).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(replayed).allSatisfy(record ->
                assertThat(record.type() + ":" + record.payload()).isEqualTo(acknowledged.get(record.sequence())));
    }

    @Test
    void append_completesOnlyAfterTheFsync_andOneFsyncCoversRecordsAppendedMeanwhile() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteAheadLog log = open(ONE_BIG_SEGMENT, segment -> {
            syncing.countDown();
            awaitQuietly(release);
        });

        CompletableFuture<Long> first = log.append((byte) 0, bytes("one"));
        assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = log.append((byte) 0, bytes("two"));
        CompletableFuture<Long> third = log.append((byte) 0, bytes("three"));
        Thread.sleep(100);
        assertThat(List.of(first, second, third)).noneMatch(CompletableFuture::isDone);
        assertThat(log.syncCount()).isZero();

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(log.syncCount()).isEqualTo(2);
    }

    @Test
    void append_afterAFailedFsync_failsThePendingRecordsAndEveryLaterAppendAtOnce() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteAheadLog log = open(ONE_BIG_SEGMENT, segment -> {
            syncing.countDown();
            awaitQuietly(release);
            throw new IOException("disk on fire");
        });
        CompletableFuture<Long> syncing1 = log.append((byte) 0, bytes("one"));
        assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> waiting2 = log.append((byte) 0, bytes("two"));

        release.countDown();

        for (CompletableFuture<Long> future : List.of(syncing1, waiting2)) {
            assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageContaining("fsync")
                    .rootCause().hasMessage("disk on fire");
        }
        CompletableFuture<Long> later = log.append((byte) 0, bytes("three"));
        assertThat(later).isCompletedExceptionally();
        assertThatThrownBy(later::join).cause().isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
        assertThat(log.syncCount()).isZero();
        assertThat(log.failure()).hasMessageContaining("fsync").hasRootCauseMessage("disk on fire");
    }

    @Test
    void append_onAnInterruptedThread_neitherFailsNorBreaksTheLog() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);

        Thread.currentThread().interrupt();
        CompletableFuture<Long> interrupted;
        try {
            interrupted = log.append((byte) 0, bytes("interrupted"));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
        }

        assertThat(interrupted.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(log.append((byte) 0, bytes("after")).get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void append_afterClose_fails() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT);
        log.close();

        CompletableFuture<Long> future = log.append((byte) 0, bytes("late"));

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).cause().isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void close_completesTheRecordsAppendedBeforeIt() throws Exception {
        WriteAheadLog log = open(ONE_BIG_SEGMENT, segment -> sleepQuietly(20));
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            futures.add(log.append((byte) 0, bytes("r" + i)));
        }

        log.close();

        assertThat(futures).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
        assertThat(futures.getLast().join()).isEqualTo(50);
    }

    @Test
    void close_duringTheSyncDelay_syncsAtOnce() throws Exception {
        WriteAheadLog log = open(new WalSettings(64L << 20, Duration.ofMinutes(10)));
        CompletableFuture<Long> future = log.append((byte) 0, bytes("waits for company"));
        Thread.sleep(50);
        assertThat(future).isNotDone();

        long started = System.nanoTime();
        log.close();

        assertThat(future).isCompletedWithValue(1L);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void append_withASyncDelay_gathersRecordsIntoOneFsync() throws Exception {
        WriteAheadLog log = open(new WalSettings(64L << 20, Duration.ofMillis(200)));
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(log.append((byte) 0, bytes("r" + i)));
        }

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(log.syncCount()).isEqualTo(1);
    }

    /**
     * "Acknowledged means stored" across kill -9: a separate JVM appends from 4 threads and prints every
     * acknowledged sequence; it is killed mid-run (SIGKILL, no shutdown hooks, no close), and every printed
     * record must replay with its payload. A killed process keeps its written pages in the OS cache, so this
     * proves that nothing acknowledged was still in the process, and that the torn tail is recovered; it
     * cannot prove durability across power loss.
     */
    @Test
    void append_acknowledgedRecordsSurviveAKill9() throws Exception {
        Path logDir = dir.resolve("wal");
        // to files, not pipes: Process.destroyForcibly closes the pipes, and what the child printed before the kill is needed
        Path stdout = dir.resolve("child-stdout.txt");
        Path stderr = dir.resolve("child-stderr.txt");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), logDir.toString(), String.valueOf(64 * 1024), "4")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acks(stdout).size() < 2000 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Map<Long, int[]> acks = acks(stdout);
        assertThat(acks).as("acknowledged records; child stderr: %s", Files.readString(stderr)).hasSizeGreaterThanOrEqualTo(2000);

        WriteAheadLog reopened = track(WriteAheadLog.open(logDir, new WalSettings(64 * 1024, Duration.ZERO)));
        Map<Long, byte[]> replayed = new LinkedHashMap<>();
        Map<Long, Byte> types = new LinkedHashMap<>();
        reopened.replay(0, (sequence, type, payload) -> {
            replayed.put(sequence, payload);
            types.put(sequence, type);
        });

        assertThat(reopened.segmentCount()).isGreaterThan(10);
        assertThat(replayed.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, reopened.lastSequence()).boxed().toList());
        assertThat(acks).allSatisfy((sequence, threadAndCounter) -> {
            assertThat(replayed).containsKey(sequence);
            assertThat(types.get(sequence)).isEqualTo((byte) threadAndCounter[0]);
            assertThat(replayed.get(sequence)).isEqualTo(AppendUntilKilled.payload(threadAndCounter[0], threadAndCounter[1]));
        });
    }

    /** The complete {@code ack <sequence> <thread> <counter>} lines printed so far, by sequence. */
    private static Map<Long, int[]> acks(Path stdout) throws IOException {
        String printed = Files.readString(stdout);
        Map<Long, int[]> acks = new LinkedHashMap<>();
        // the kill may cut the last line; only lines with their newline count
        for (String line : printed.substring(0, printed.lastIndexOf('\n') + 1).split("\n")) {
            if (line.startsWith("ack ")) {
                String[] parts = line.split(" ");
                acks.put(Long.parseLong(parts[1]), new int[] {Integer.parseInt(parts[2]), Integer.parseInt(parts[3])});
            }
        }
        return acks;
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static long sizeOf(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void open_whileAnotherLogHoldsTheDirectory_failsClearly() throws Exception {
        try (WriteAheadLog first = WriteAheadLog.open(dir, WalSettings.DEFAULTS)) {
            assertThatThrownBy(() -> WriteAheadLog.open(dir, WalSettings.DEFAULTS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
            first.append((byte) 1, new byte[] {1}).join();
        }
        try (WriteAheadLog again = WriteAheadLog.open(dir, WalSettings.DEFAULTS)) {
            assertThat(again.lastSequence()).isEqualTo(1); // closing released the directory
        }
    }
}
