package io.floe.plugin.metrics;

/**
 * Counts the records of the batches that pass through a fetch stream, from their headers as the
 * bytes go by: a batch counts once all its bytes are read, as the broker serves only whole
 * batches. A message of the formats before batches (magic 0 and 1) counts as one record. Bytes
 * that cannot be a batch stop the count for the stream: the broker refuses them itself.
 */
final class ServedRecords {
  /** Bytes before a batch's size field, and the size field: the batch's length excludes both. */
  private static final int LOG_OVERHEAD = 12;
  private static final int MAGIC_AT = 16;
  private static final int RECORDS_COUNT_AT = 57;
  private static final int BATCH_HEADER = RECORDS_COUNT_AT + 4;

  private final byte[] header = new byte[BATCH_HEADER];
  /** Bytes of the current batch read so far. */
  private long read;
  /** Size of the current batch, once its header says. */
  private long size;
  private long records;
  private boolean lost;

  /** Takes the next {@code length} bytes of the stream. */
  void read(byte[] bytes, int offset, int length) {
    int at = offset;
    int end = offset + length;
    while (at < end && !lost) {
      int wanted = headerBytesWanted();
      if (read < wanted) {
        int n = (int) Math.min(wanted - read, end - at);
        System.arraycopy(bytes, at, header, (int) read, n);
        read += n;
        at += n;
        if (read == MAGIC_AT + 1) {
          size = LOG_OVERHEAD + (long) intAt(LOG_OVERHEAD - 4);
          lost = size < headerBytesWanted();
        }
      } else {
        long n = Math.min(size - read, end - at);
        read += n;
        at += n;
      }
      if (!lost && read > MAGIC_AT && read >= headerBytesWanted() && read == size) {
        records += header[MAGIC_AT] >= 2 ? intAt(RECORDS_COUNT_AT) : 1;
        read = 0;
      }
    }
  }

  /** Records of the whole batches read so far. */
  long records() {
    return records;
  }

  /** The header bytes the count needs: up to the magic byte, then a batch's up to its records count. */
  private int headerBytesWanted() {
    return read <= MAGIC_AT || header[MAGIC_AT] < 2 ? MAGIC_AT + 1 : BATCH_HEADER;
  }

  private int intAt(int at) {
    return ((header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16) | ((header[at + 2] & 0xff) << 8)
        | (header[at + 3] & 0xff);
  }
}
