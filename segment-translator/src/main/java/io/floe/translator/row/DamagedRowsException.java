package io.floe.translator.row;

/**
 * Rows that rebuild a batch other than the one they were stored from: their batch's content
 * checksum, stored with them, does not match the rebuilt batch's. The rows were damaged where they
 * are stored, in a way their store's own checks did not see.
 */
public final class DamagedRowsException extends RuntimeException {
  DamagedRowsException(long position, int stored, int rebuilt) {
    super(String.format("Cannot rebuild the batch at position %d: its rows rebuild a batch with content checksum "
        + "0x%08x, not the 0x%08x stored with them", position, rebuilt, stored));
  }
}
