package io.floe.plugin.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegments;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;

/** The records of a fetch stream, counted from the batch headers of a real segment as the broker reads it. */
class ServedRecordsTest {
  private static final byte[] SEGMENT = segment();
  private static final List<RecordBatch> BATCHES = batches();

  @Property(tries = 200)
  void readInAnyChunksTheRecordsOfEveryWholeBatchAreCounted(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 300) Integer> chunks,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int stopAt) {
    int end = stopAt % (SEGMENT.length + 1);
    ServedRecords served = new ServedRecords();
    int at = 0;
    for (int i = 0; at < end; i++) {
      int n = Math.min(chunks.get(i % chunks.size()), end - at);
      served.read(SEGMENT, at, n);
      at += n;
    }

    assertEquals(recordsOfBatchesWithin(end), served.records());
  }

  @Property(tries = 50)
  void bytesThatCannotBeABatchStopTheCountAndNothingElse(@ForAll @IntRange(min = -100, max = 16) int length) {
    byte[] bytes = SEGMENT.clone();
    ByteBuffer.wrap(bytes).putInt(8, length); // a batch that ends before its own header

    ServedRecords served = new ServedRecords();
    served.read(bytes, 0, bytes.length);

    assertEquals(0, served.records());
  }

  /** Records of the batches that end at or before byte {@code end}; a message before batches counts as one. */
  private static long recordsOfBatchesWithin(int end) {
    long records = 0;
    int position = 0;
    for (RecordBatch batch : BATCHES) {
      position += batch.sizeInBytes();
      if (position > end) {
        break;
      }
      records += batch.magic() >= RecordBatch.MAGIC_VALUE_V2 ? batch.countOrNull() : 1;
    }
    return records;
  }

  private static byte[] segment() {
    try {
      Path dir = Files.createTempDirectory("served-records");
      try {
        return Files.readAllBytes(KafkaSegments.everyKind(dir.resolve("segment")));
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<RecordBatch> batches() {
    List<RecordBatch> batches = new ArrayList<>();
    MemoryRecords.readableRecords(ByteBuffer.wrap(SEGMENT)).batches().forEach(batches::add);
    return batches;
  }
}
