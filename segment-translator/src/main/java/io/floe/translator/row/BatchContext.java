package io.floe.translator.row;

import io.floe.translator.format.BatchHeader;

/**
 * What every row of one batch shares: where the batch sat in the segment, its header fields, and,
 * for a batch kept raw, its exact bytes.
 *
 * <p>A raw batch becomes a single row whose header is what could be read of it: for magic v0/v1,
 * the entry's offset, attributes and timestamp, with Kafka's "none" values (-1) elsewhere.
 */
public record BatchContext(long position, BatchHeader header, byte[] rawBytes) {
  public boolean isRaw() {
    return rawBytes != null;
  }
}
