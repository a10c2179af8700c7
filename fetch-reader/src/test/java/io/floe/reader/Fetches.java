package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Reading what a fetch serves, and judging it with Kafka's own record classes. */
final class Fetches {
  /** Room for every fetch a test parks, for longer than any test runs, each reading ahead a few batches. */
  static final ParkingLimits PARKING = new ParkingLimits(16, 256L << 20, Duration.ofMinutes(10), 2048);
  /** As {@link #PARKING}, without reading ahead: what a fetch reads is then what it serves. */
  static final ParkingLimits PARKING_WITHOUT_READ_AHEAD = new ParkingLimits(16, 256L << 20, Duration.ofMinutes(10), 0);

  private Fetches() {}

  static byte[] readAll(InputStream fetch) {
    try (fetch) {
      return fetch.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code count} bytes a fetch serves (fewer at its end), then closes it, as the broker does. */
  static byte[] readSome(InputStream fetch, int count) {
    try (fetch) {
      return fetch.readNBytes(count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The batches Kafka's reader finds in the bytes, each validated (checksum, framing) as a consumer would. */
  static List<RecordBatch> validBatches(byte[] served) {
    List<RecordBatch> batches = new ArrayList<>();
    int bytes = 0;
    for (RecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(served)).batches()) {
      batch.ensureValid();
      batches.add(batch);
      bytes += batch.sizeInBytes();
    }
    assertEquals(served.length, bytes, "the served bytes are whole batches");
    return batches;
  }
}
