package io.floe.writer.maintenance;

/**
 * The files of a compaction group hold rows out of offset order (another engine's files, or files
 * whose offset ranges overlap): the group is left as it is, since a compacted file keeps its rows in
 * the order the Kafka view reads them.
 */
final class RowsOutOfOrderException extends RuntimeException {
  RowsOutOfOrderException(String message) {
    super(message);
  }
}
