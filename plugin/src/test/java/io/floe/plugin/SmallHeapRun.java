package io.floe.plugin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The child JVM of {@link BoundedMemoryTest}: with the heap it was given, uploads a large segment
 * through the remote storage manager while a second partition's segment uploads beside it, then
 * reads the large one back from position 0 in one stream and compares it with the original, byte
 * for byte, as it streams. It does the same with the large segment as a classic segment (a topic
 * outside {@code iceberg.topics}), whose copy and fetch stream objects instead of converting. It
 * prints its peak heap and exits 0 only if every byte came back both ways.
 *
 * <p>Arguments: the warehouse directory, then for each segment its file and end offset (large first).
 */
final class SmallHeapRun {
  private static final int CHUNK = 64 * 1024;

  private SmallHeapRun() {
  }

  public static void main(String[] args) throws Exception {
    Path warehouse = Path.of(args[0]);
    TieredSegment large = TieredSegment.of(Path.of(args[1]), "events", 0, 0, Long.parseLong(args[2]));
    TieredSegment beside = TieredSegment.of(Path.of(args[3]), "events", 1, 0, Long.parseLong(args[4]));
    TieredSegment classic = TieredSegment.of(Path.of(args[1]), "logs", 0, 0, Long.parseLong(args[2]));
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    configs.put("broker.id", 1);
    configs.put("writer.row.group.size.bytes", Long.toString(1 << 20));
    configs.put("iceberg.topics", "events");
    try (IcebergRemoteStorageManager rsm = new IcebergRemoteStorageManager()) {
      rsm.configure(configs);
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> upload(rsm, beside));
      upload(rsm, large);
      other.join();
      long uploadPeak = peakHeapBytes();
      long firstDifference = firstDifference(rsm, large);
      long fetchPeak = peakHeapBytes();
      upload(rsm, classic);
      long classicDifference = firstDifference(rsm, classic);
      System.out.printf("heap max %d MiB; peak heap used %d MiB after the uploads, %d MiB after the fetch, "
              + "%d MiB after the classic copy and fetch%n", Runtime.getRuntime().maxMemory() >> 20,
          uploadPeak >> 20, fetchPeak >> 20, peakHeapBytes() >> 20);
      if (firstDifference >= 0 || classicDifference >= 0) {
        System.out.println("The fetch differs from the segment at byte " + firstDifference
            + ", the classic fetch at byte " + classicDifference + " (-1: none)");
        System.exit(1);
      }
      System.out.println("Every byte of " + Files.size(large.segmentFile()) + " came back");
    }
  }

  /** Where the segment served from position 0 first differs from its file, or -1. */
  private static long firstDifference(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    try (InputStream served = rsm.fetchLogSegment(segment.metadata(), 0);
        InputStream original = new BufferedInputStream(Files.newInputStream(segment.segmentFile()))) {
      return firstDifference(original, served);
    }
  }

  private static void upload(IcebergRemoteStorageManager rsm, TieredSegment segment) {
    try {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot upload " + segment.segmentFile() + ": " + e.getMessage(), e);
    }
  }

  /** The first position where the two streams differ (one ending first counts), or -1 if none. */
  private static long firstDifference(InputStream expected, InputStream actual) throws IOException {
    byte[] want = new byte[CHUNK];
    byte[] got = new byte[CHUNK];
    long position = 0;
    while (true) {
      int wanted = expected.readNBytes(want, 0, CHUNK);
      int read = actual.readNBytes(got, 0, CHUNK);
      int mismatch = Arrays.mismatch(want, 0, wanted, got, 0, read);
      if (mismatch >= 0) {
        return position + mismatch;
      }
      if (wanted < CHUNK) {
        return -1;
      }
      position += CHUNK;
    }
  }

  /** The sum of the heap pools' peaks: at least the peak of the heap as a whole. */
  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
  }
}
