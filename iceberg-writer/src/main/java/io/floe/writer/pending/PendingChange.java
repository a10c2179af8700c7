package io.floe.writer.pending;

import java.util.List;

/**
 * What one upload does to its Kafka partition's pending transactions, committed with its rows.
 *
 * @param committed files of transactions the segment commits: they join {@code main} now
 * @param released files of deleted segments that no view needs any more: they leave the Kafka
 *     view's branch now (an abort, or a commit that {@code main} now holds)
 * @param next the partition's pending transactions after the upload
 */
public record PendingChange(List<PendingFile> committed, List<PendingFile> released, PendingTransactions next) {
  public PendingChange {
    committed = List.copyOf(committed);
    released = List.copyOf(released);
  }
}
