package dev.meridian.bench;

import dev.meridian.ingest.wal.WalSettings;
import dev.meridian.ingest.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Not a test: appender threads each append a record and wait for its acknowledgement (as a request thread
 * would), over and over; prints records/s, MB/s and fsyncs/s per second and for the whole run. Once a
 * second it truncates through the highest acknowledged sequence, as if the database had applied it, so the
 * disk use stays small.
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.WalBenchmark [seconds] [threads] [payload KB] [max sync delay ms] [dir]
 * </pre>
 */
public final class WalBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int payloadBytes = (args.length > 2 ? Integer.parseInt(args[2]) : 150) * 1024;
        Duration syncDelay = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 0);
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("meridian-wal-bench");
        System.out.printf("threads=%d payload=%d KB segment=64 MB maxSyncDelay=%s dir=%s%n", threads, payloadBytes / 1024, syncDelay, dir);

        WriteAheadLog log = WriteAheadLog.open(dir, new WalSettings(64L << 20, syncDelay));
        LongAdder records = new LongAdder();
        LongAdder latencyNanos = new LongAdder();
        AtomicLong acknowledged = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte[] payload = new byte[payloadBytes];
            new SplittableRandom(t).nextBytes(payload);
            appenders.add(Thread.ofPlatform().name("appender-" + t).start(() -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    long sequence = log.append((byte) 1, payload).join();
                    latencyNanos.add(System.nanoTime() - started);
                    records.increment();
                    acknowledged.accumulateAndGet(sequence, Math::max);
                }
            }));
        }

        long lastRecords = 0;
        long lastSyncs = 0;
        long lastTime = start;
        for (int second = 1; second <= seconds; second++) {
            Thread.sleep(Math.max(0, (start + second * 1_000_000_000L - System.nanoTime()) / 1_000_000));
            long now = System.nanoTime();
            long nowRecords = records.sum();
            long nowSyncs = log.syncCount();
            print("  1 s", nowRecords - lastRecords, nowSyncs - lastSyncs, now - lastTime, payloadBytes);
            log.truncateThrough(acknowledged.get());
            lastRecords = nowRecords;
            lastSyncs = nowSyncs;
            lastTime = now;
        }
        for (Thread appender : appenders) {
            appender.join();
        }
        long elapsed = System.nanoTime() - start;
        long total = records.sum();
        print("total", total, log.syncCount(), elapsed, payloadBytes);
        System.out.printf("mean ack latency %.1f ms, %.1f records per fsync, %d segments (%d MB) left%n",
                latencyNanos.sum() / 1e6 / Math.max(1, total), (double) total / Math.max(1, log.syncCount()),
                log.segmentCount(), log.bytesOnDisk() >> 20);
        log.close();
        if (args.length <= 4) {
            deleteRecursively(dir);
        }
    }

    private static void print(String label, long records, long syncs, long nanos, int payloadBytes) {
        double secs = nanos / 1e9;
        System.out.printf("%s: %8.0f records/s %7.1f MB/s %7.0f fsyncs/s%n",
                label, records / secs, records * (double) payloadBytes / (1 << 20) / secs, syncs / secs);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
