package io.floe.writer.pending;

import io.floe.translator.format.TransactionOutcome;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.TransactionMarkers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;

/**
 * The pending transactions of one Kafka partition of a table (docs/architecture.md §6): tiered
 * rows whose transaction's marker is in a segment not tiered yet. Their files are in the Kafka
 * view's branch only; the upload of the segment with the marker adds them to {@code main} if it
 * commits, and leaves them out for good if it aborts.
 *
 * <p>Kept as the table property {@code floe.pending-transactions.<partition>}, changed in the
 * same Iceberg transaction as the upload or deletion that changes it: the state and the views
 * never disagree, it survives snapshot expiry, and concurrent uploads of other partitions change
 * other properties.
 */
public record PendingTransactions(int partition, Map<Long, PendingTransaction> byProducer) {
  public static final String PROPERTY_PREFIX = "floe.pending-transactions.";

  public PendingTransactions {
    byProducer = Map.copyOf(byProducer);
  }

  /** The partition's pending transactions as the table holds them now. */
  public static PendingTransactions of(Table table, int partition) {
    String json = table.properties().get(property(partition));
    return json == null ? new PendingTransactions(partition, Map.of()) : PendingTransactionsParser.fromJson(partition, json);
  }

  /** The pending transactions of every partition that has a property for them. */
  public static List<PendingTransactions> ofEveryPartition(Table table) {
    List<PendingTransactions> partitions = new ArrayList<>();
    table.properties().forEach((key, json) -> {
      String partition = key.startsWith(PROPERTY_PREFIX) ? key.substring(PROPERTY_PREFIX.length()) : "";
      if (partition.matches("\\d{1,9}")) {
        partitions.add(PendingTransactionsParser.fromJson(Integer.parseInt(partition), json));
      }
    });
    return partitions;
  }

  public static String property(int partition) {
    return PROPERTY_PREFIX + partition;
  }

  /** The table property's value. */
  public String toJson() {
    return PendingTransactionsParser.toJson(this);
  }

  public boolean isEmpty() {
    return byProducer.isEmpty();
  }

  /** Rows tiered that wait for their transaction's outcome. */
  public long rowCount() {
    return byProducer.values().stream().mapToLong(PendingTransaction::rowCount).sum();
  }

  /**
   * The offset of the first row that waits, if any does: from there on, {@code main} may lack
   * rows of the partition that are tiered.
   */
  public OptionalLong firstOffset() {
    return byProducer.values().stream().flatMap(transaction -> transaction.files().stream())
        .mapToLong(PendingFile::firstOffset).min();
  }

  private Optional<PendingTransaction> of(long producerId) {
    return Optional.ofNullable(byProducer.get(producerId));
  }

  /**
   * Offsets below which rows of the producer's open transaction may be in {@code main}: rows of
   * its transaction that were tiered before Floe kept transactions pending. Everything from here
   * on is in pending files.
   */
  public long pendingFrom(long producerId, long segmentStart) {
    return of(producerId).map(PendingTransaction::firstSegmentStart).map(start -> Math.min(start, segmentStart))
        .orElse(segmentStart);
  }

  /**
   * The aborts of pending transactions that the segment's markers state and its transaction index
   * {@code indexed} leaves out, each from the transaction's first pending row to its marker. A
   * broker that rebuilt its producer state from a local log starting after such a transaction began
   * (tiered storage deletes older segments locally) does not know it is open when its abort marker
   * comes, and indexes no abort; Floe, which holds its rows pending, does.
   */
  public List<AbortedTransaction> abortsLeftOut(List<AbortedTransaction> indexed, TransactionMarkers markers) {
    List<AbortedTransaction> leftOut = new ArrayList<>();
    for (PendingTransaction transaction : byProducer.values()) {
      OptionalLong marker = markers.first(transaction.producerId());
      if (marker.isPresent()
          && markers.outcome(transaction.producerId(), marker.getAsLong()).equals(Optional.of(TransactionOutcome.ABORT))
          && !abortedAt(indexed, transaction.producerId(), marker.getAsLong())) {
        leftOut.add(new AbortedTransaction(transaction.producerId(), transaction.firstOffset(), marker.getAsLong()));
      }
    }
    return leftOut;
  }

  /**
   * The change an upload of the segment [start, end] makes: its offsets supersede what earlier
   * uploads of other segments left pending there; each producer's first marker in it ends that
   * producer's pending transaction (an abort if {@code aborted} lists it, a commit otherwise: the
   * index's aborts with those it {@linkplain #abortsLeftOut left out}); and the rows it leaves
   * pending, by producer, are added.
   */
  public PendingChange advance(String segmentId, long start, long end, TransactionMarkers markers,
      List<AbortedTransaction> aborted, Map<Long, List<PendingFile>> written) {
    Map<Long, PendingTransaction> next = new TreeMap<>();
    List<PendingFile> committed = new ArrayList<>();
    List<PendingFile> released = new ArrayList<>();
    for (PendingTransaction transaction : byProducer.values()) {
      List<PendingFile> files = new ArrayList<>();
      for (PendingFile file : transaction.files()) {
        if (!file.supersededBy(start, end)) {
          files.add(file.supersededIn(start, end));
        } else if (file.segmentDeleted()) {
          released.add(file);
        }
      }
      OptionalLong marker = markers.first(transaction.producerId());
      if (marker.isEmpty()) {
        if (!files.isEmpty()) {
          next.put(transaction.producerId(), new PendingTransaction(transaction.producerId(), files));
        }
        continue;
      }
      if (!abortedAt(aborted, transaction.producerId(), marker.getAsLong())) {
        committed.addAll(files);
      }
      files.stream().filter(PendingFile::segmentDeleted).forEach(released::add);
    }
    written.forEach((producer, files) -> next.merge(producer, new PendingTransaction(producer, files),
        (open, more) -> open.with(more.files())));
    return new PendingChange(committed, released, new PendingTransactions(partition, next));
  }

  /**
   * After Kafka deleted a segment: with its rows kept in {@code main}, its pending files stay in
   * the Kafka view's branch until their outcome is known ({@link #keptFiles}); otherwise they go.
   */
  public PendingTransactions afterDeleting(String segmentId, boolean rowsKept) {
    Map<Long, PendingTransaction> next = new TreeMap<>();
    byProducer.forEach((producer, transaction) -> {
      List<PendingFile> files = new ArrayList<>();
      for (PendingFile file : transaction.files()) {
        if (!file.segmentId().equals(segmentId)) {
          files.add(file);
        } else if (rowsKept) {
          files.add(file.deleted());
        }
      }
      if (!files.isEmpty()) {
        next.put(producer, new PendingTransaction(producer, files));
      }
    });
    return new PendingTransactions(partition, next);
  }

  /** The locations of the segment's files that stay in the Kafka view's branch after it is deleted. */
  public List<String> keptFiles(String segmentId) {
    return files().stream().filter(file -> file.segmentId().equals(segmentId)).map(PendingFile::location).toList();
  }

  /** The locations of every pending file of the partition. */
  public Set<String> locations() {
    return files().stream().map(PendingFile::location).collect(Collectors.toSet());
  }

  private List<PendingFile> files() {
    return byProducer.values().stream().map(PendingTransaction::files).flatMap(Collection::stream).toList();
  }

  private static boolean abortedAt(List<AbortedTransaction> aborted, long producerId, long marker) {
    return aborted.stream().anyMatch(transaction -> transaction.producerId() == producerId
        && transaction.lastOffset() == marker);
  }
}
