package io.floe.translator.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * What a batch says, as a CRC32C: its records uncompressed, then its header with the length and
 * CRC fields zeroed; for a batch kept raw, its bytes. Compressing the same records to other bytes
 * leaves it as it is; another offset, header field or record changes it.
 *
 * <p>Rows keep their batch's ({@code _kafka.batch.checksum}) so that a fetch can refuse a batch
 * rebuilt from damaged rows: rebuilding gives such a batch a valid CRC of its own, and Parquet's
 * page checksums do not cover the pages' headers.
 */
public final class ContentChecksum {
  private ContentChecksum() {}

  /** The checksum of a batch kept raw: of its bytes. */
  public static int ofRaw(byte[] batch) {
    CRC32C crc = new CRC32C();
    crc.update(batch);
    return (int) crc.getValue();
  }

  /** A stream that passes the records on as they are written, call for call, and sums them. */
  static OutputStream summing(OutputStream records, CRC32C sum) {
    return new OutputStream() {
      // Records arrive a varint byte at a time, as the producer writes them: single bytes are
      // summed in runs, since a CRC call per byte costs more than the byte.
      private final byte[] pending = new byte[64];
      private int count;

      @Override
      public void write(int b) throws IOException {
        pending[count++] = (byte) b;
        if (count == pending.length) {
          sumPending();
        }
        records.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        sumPending();
        sum.update(b, off, len);
        records.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        records.flush();
      }

      // Closing only closes: an extra flush could end a compressed block early and change its bytes.
      @Override
      public void close() throws IOException {
        sumPending();
        records.close();
      }

      private void sumPending() {
        sum.update(pending, 0, count);
        count = 0;
      }
    };
  }

  /** Ends a sum of the records with the header of {@code batch}, a whole v2 batch. */
  static int withHeader(CRC32C recordsSum, ByteBuffer batch) {
    byte[] header = new byte[BatchHeader.SIZE];
    batch.get(batch.position(), header);
    ByteBuffer.wrap(header).putInt(BatchHeader.LENGTH, 0).putInt(BatchHeader.CRC, 0);
    recordsSum.update(header);
    return (int) recordsSum.getValue();
  }
}
