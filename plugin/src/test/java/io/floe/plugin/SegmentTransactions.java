package io.floe.plugin;

import io.floe.translator.format.BatchHeader;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.storage.internals.log.AbortedTxn;
import org.apache.kafka.storage.internals.log.TransactionIndex;

/**
 * The transactions a segment's abort markers end, found as the broker finds them when it writes
 * them (each from the producer's first transactional record since its previous marker to the
 * marker), and the segment's transaction index written with Kafka's own {@code TransactionIndex}.
 */
final class SegmentTransactions {
  private static final short ABORT = 0;

  private SegmentTransactions() {}

  static List<AbortedTxn> aborted(Path segment) {
    return aborted(segment, Map.of());
  }

  /**
   * @param openBefore the transactions still open where the segment starts, as the broker's
   *     producer state knows them: producer id to the offset of its first transactional record
   */
  static List<AbortedTxn> aborted(Path segment, Map<Long, Long> openBefore) {
    Map<Long, Long> openSince = new HashMap<>(openBefore);
    List<AbortedTxn> aborted = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 0)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        KafkaRow first = batch.rows().get(0);
        BatchHeader header = first.batch().header();
        if (first.isRaw() || !header.attributes().isTransactional()) {
          continue;
        }
        if (!header.attributes().isControl()) {
          openSince.putIfAbsent(header.producerId(), header.baseOffset());
          continue;
        }
        Long since = openSince.remove(header.producerId());
        if (since != null && ByteBuffer.wrap(first.key()).getShort(2) == ABORT) {
          aborted.add(new AbortedTxn(header.producerId(), since, first.offset(), first.offset()));
        }
      }
    }
    return aborted;
  }

  /** The transactions still open at the segment's end: producer id to its first transactional offset. */
  static Map<Long, Long> openAtEnd(Path segment) {
    Map<Long, Long> open = new HashMap<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 0)) {
      while (translator.hasNext()) {
        BatchHeader header = translator.next().rows().get(0).batch().header();
        if (header.attributes().isTransactional() && header.attributes().isControl()) {
          open.remove(header.producerId());
        } else if (header.attributes().isTransactional()) {
          open.putIfAbsent(header.producerId(), header.baseOffset());
        }
      }
    }
    return open;
  }

  /** Writes the segment's transaction index next to it, if it aborts any transaction. */
  static java.util.Optional<Path> writeIndex(Path segment, long baseOffset, Map<Long, Long> openBefore) {
    List<AbortedTxn> aborted = aborted(segment, openBefore);
    File file = segment.resolveSibling(String.format("%020d.txnindex", baseOffset)).toFile();
    if (aborted.isEmpty() || file.exists()) {
      return aborted.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(file.toPath());
    }
    try {
      TransactionIndex index = new TransactionIndex(baseOffset, file);
      for (AbortedTxn transaction : aborted) {
        index.append(transaction);
      }
      index.flush();
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Optional.of(file.toPath());
  }

  /** Whether a row of the segment belongs to a transaction it aborts. */
  static boolean isAborted(KafkaRow row, List<AbortedTxn> aborted) {
    BatchHeader header = row.batch().header();
    return header.attributes().isTransactional() && !header.attributes().isControl() && aborted.stream().anyMatch(
        txn -> txn.producerId() == header.producerId() && row.offset() >= txn.firstOffset() && row.offset() <= txn.lastOffset());
  }
}
