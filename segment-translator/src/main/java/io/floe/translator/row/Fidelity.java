package io.floe.translator.row;

/** How exactly a batch comes back from its rows: the verdict computed while reading it. */
public enum Fidelity {
  /** Rebuilding the rows gives the original bytes. */
  BYTE_IDENTICAL,
  /**
   * A compressed batch whose recompression differs from the producer's bytes: every header field
   * and every record is the same, the compressed payload, the length and the CRC are not.
   */
  RECORD_IDENTICAL,
  /** The batch is kept as its original bytes in a single row; see {@link RawReason}. */
  RAW
}
