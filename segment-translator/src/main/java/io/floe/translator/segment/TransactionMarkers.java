package io.floe.translator.segment;

import io.floe.translator.format.BatchAttributes;
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
import java.util.OptionalLong;

/**
 * Where a segment's transaction markers are, by producer: the offsets at which the transaction
 * coordinator ended a transaction of that producer in this partition. A transactional record whose
 * producer has no marker after it in the segment belongs to a transaction whose outcome is in a
 * later segment. Whether a marker commits or aborts is the transaction index's to say: it lists
 * every abort marker of the segment.
 *
 * <p>Found from batch headers alone, a small read per batch, before the segment's rows are
 * written. Framing is the full read's to check: a walk that meets a damaged header stops there,
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

  private final Map<Long, long[]> byProducer;

  private TransactionMarkers(Map<Long, long[]> byProducer) {
    this.byProducer = byProducer;
  }

  /** The markers of the segment file, in offset order per producer. */
  public static TransactionMarkers read(Path segment) {
    Map<Long, List<Long>> found = new HashMap<>();
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = channel.size();
      long position = 0;
      while (size - position >= UP_TO_MAGIC) {
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(HEADER_BYTES, size - position));
        readFully(channel, header, position);
        int batchSize = header.getInt(SIZE);
        if (batchSize < SMALLEST_ENTRY) {
          break;
        }
        if (header.get(MAGIC) >= MAGIC_V2 && header.limit() == HEADER_BYTES) {
          BatchAttributes attributes = new BatchAttributes(header.getShort(ATTRIBUTES));
          if (attributes.isControl() && attributes.isTransactional()) {
            found.computeIfAbsent(header.getLong(PRODUCER_ID), id -> new ArrayList<>()).add(header.getLong(0));
          }
        }
        position += 12L + batchSize;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the transaction markers of segment " + segment + ": "
          + e.getMessage(), e);
    }
    Map<Long, long[]> markers = new HashMap<>();
    found.forEach((producer, offsets) -> markers.put(producer, offsets.stream().mapToLong(Long::longValue).toArray()));
    return new TransactionMarkers(markers);
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
    long[] offsets = byProducer.get(producerId);
    if (offsets != null) {
      for (long marker : offsets) {
        if (marker > offset) {
          return OptionalLong.of(marker);
        }
      }
    }
    return OptionalLong.empty();
  }

  /** The offset of the producer's first marker in the segment, if it has one. */
  public OptionalLong first(long producerId) {
    return after(producerId, Long.MIN_VALUE);
  }
}
