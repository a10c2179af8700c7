package io.floe.translator.segment;

import io.floe.translator.format.BatchAttributes;
import io.floe.translator.format.TransactionOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a segment's transaction markers are, by producer: the offsets at which the transaction
 * coordinator ended a transaction of that producer in this partition. A transactional record whose
 * producer has no marker after it in the segment belongs to a transaction whose outcome is in a
 * later segment. Each marker's outcome is read from its control record: the transaction index
 * lists only the aborts whose transaction the broker knew was open, and a broker that rebuilt its
 * producer state from a local log starting after a transaction began does not know it.
 *
 * <p>Found from batch headers and control records alone, a small read per batch, before the
 * segment's rows are written. Framing is the full read's to check: a walk that meets a damaged header stops there,
 * and the full read then fails the upload.
 */
public final class TransactionMarkers {
  /** The v2 header up to and including the producer id. */
  private static final int HEADER_BYTES = 51;
  private static final int SIZE = 8;
  private static final int MAGIC = 16;
  private static final int ATTRIBUTES = 21;
  private static final int PRODUCER_ID = 43;
  private static final int MAGIC_V2 = 2;
  /** Offset, size and magic: what every magic has before its own header. */
  private static final int UP_TO_MAGIC = 17;
  /** The smallest entry size of any magic (a v0 message). */
  private static final int SMALLEST_ENTRY = 14;

  /** A marker at {@code offset}; its outcome is empty when its control record cannot tell (compressed, damaged). */
  private record Marker(long offset, Optional<TransactionOutcome> outcome) {}

  private final Map<Long, List<Marker>> byProducer;

  private TransactionMarkers(Map<Long, List<Marker>> byProducer) {
    this.byProducer = byProducer;
  }

  /** The markers of the segment file, in offset order per producer. */
  public static TransactionMarkers read(Path segment) {
    Map<Long, List<Marker>> found = new HashMap<>();
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = channel.size();
      long position = 0;
      while (size - position >= UP_TO_MAGIC) {
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(TransactionOutcome.READ_BYTES, size - position));
        readFully(channel, header, position);
        int batchSize = header.getInt(SIZE);
        if (batchSize < SMALLEST_ENTRY) {
          break;
        }
        if (header.get(MAGIC) >= MAGIC_V2 && header.limit() >= HEADER_BYTES) {
          BatchAttributes attributes = new BatchAttributes(header.getShort(ATTRIBUTES));
          if (attributes.isControl() && attributes.isTransactional()) {
            header.limit((int) Math.min(header.limit(), 12L + batchSize));
            found.computeIfAbsent(header.getLong(PRODUCER_ID), id -> new ArrayList<>())
                .add(new Marker(header.getLong(0), TransactionOutcome.of(header.rewind())));
          }
        }
        position += 12L + batchSize;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the transaction markers of segment " + segment + ": "
          + e.getMessage(), e);
    }
    return new TransactionMarkers(found);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("the file shrank while it was read");
      }
    }
  }

  /** The offset of the producer's first marker after {@code offset} in the segment, if it has one. */
  public OptionalLong after(long producerId, long offset) {
    for (Marker marker : byProducer.getOrDefault(producerId, List.of())) {
      if (marker.offset() > offset) {
        return OptionalLong.of(marker.offset());
      }
    }
    return OptionalLong.empty();
  }

  /** A marker that says its transaction aborted: the producer, and the marker's offset. */
  public record Abort(long producerId, long offset) {}

  /** The segment's markers that say abort. */
  public List<Abort> aborts() {
    List<Abort> aborts = new ArrayList<>();
    byProducer.forEach((producer, markers) -> markers.stream()
        .filter(marker -> marker.outcome().equals(Optional.of(TransactionOutcome.ABORT)))
        .forEach(marker -> aborts.add(new Abort(producer, marker.offset()))));
    return aborts;
  }

  /** What the producer's marker at {@code offset} says, if it has one there that tells. */
  public Optional<TransactionOutcome> outcome(long producerId, long offset) {
    return byProducer.getOrDefault(producerId, List.of()).stream().filter(marker -> marker.offset() == offset)
        .findFirst().flatMap(Marker::outcome);
  }

  /** The offset of the producer's first marker in the segment, if it has one. */
  public OptionalLong first(long producerId) {
    return after(producerId, Long.MIN_VALUE);
  }
}
