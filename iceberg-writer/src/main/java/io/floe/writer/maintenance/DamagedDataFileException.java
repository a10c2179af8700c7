package io.floe.writer.maintenance;

/**
 * A file of a compaction group has a page that does not match its checksum: the group is left as
 * it is, so that the damage is not copied into a file whose checksums would hide it, and the other
 * groups are compacted all the same.
 */
final class DamagedDataFileException extends RuntimeException {
  DamagedDataFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
