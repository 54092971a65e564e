package dev.meridian.ingest.wal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Not a test: the process {@link WriteAheadLogTest#append_acknowledgedRecordsSurviveAKill9} kills. Appends from
 * several threads until killed (or a minute passed) and prints {@code ack <sequence> <thread> <counter>} for
 * every acknowledged record, after its future completed. The payload is a function of thread and counter.
 * <pre>
 * java -cp … dev.meridian.ingest.wal.AppendUntilKilled dir segmentBytes threads
 * </pre>
 */
public final class AppendUntilKilled {

    private AppendUntilKilled() {
    }

    /** 1 byte to 16 KB, different for every thread and counter. */
    static byte[] payload(int thread, int counter) {
        SplittableRandom random = new SplittableRandom(thread * 1_000_003L + counter);
        byte[] payload = new byte[1 + random.nextInt(16 * 1024)];
        random.nextBytes(payload);
        return payload;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long segmentBytes = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        PrintStream out = System.out;
        WriteAheadLog log = WriteAheadLog.open(dir, new WalSettings(segmentBytes, Duration.ZERO));
        out.println("opened " + log.lastSequence());
        out.flush();
        Thread[] appenders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            appenders[t] = Thread.ofPlatform().name("appender-" + t).start(() -> {
                for (int counter = 0; System.nanoTime() < deadline; counter++) {
                    long sequence = log.append((byte) thread, payload(thread, counter)).join();
                    synchronized (out) {
                        out.println("ack " + sequence + " " + thread + " " + counter);
                        out.flush();
                    }
                }
            });
        }
        for (Thread appender : appenders) {
            appender.join();
        }
        log.close();
    }
}
