package io.floe.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Where the broker's next fetch of a consumer starts: {@code RemoteLogManager.read} serves up to
 * the consumer's fetch size, the consumer drops the partial batch the bytes end with, and its next
 * fetch starts at the offset-index entry at or before that batch.
 */
final class BrokerReads {
  private BrokerReads() {}

  /**
   * What the broker reads of a fetch that starts at a batch boundary before closing it: the first
   * batch whole, however large ({@code minOneMessage}), and up to {@code maxBytes} in all.
   */
  static byte[] read(InputStream fetch, int maxBytes) {
    try (fetch) {
      byte[] header = fetch.readNBytes(12);
      if (header.length < 12) {
        return header;
      }
      int firstBatch = 12 + ByteBuffer.wrap(header).getInt(8);
      byte[] rest = fetch.readNBytes(Math.max(maxBytes, firstBatch) - header.length);
      return ByteBuffer.allocate(header.length + rest.length).put(header).put(rest).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The index of the batch a fetch from the start of batch {@code firstBatch} was cut in, or of
   * the batch after it if it ended on a batch's end: the bytes served are whole batches, then part
   * of one.
   */
  static int cutBatch(int firstBatch, byte[] served) {
    ByteBuffer bytes = ByteBuffer.wrap(served);
    int batch = firstBatch;
    int at = 0;
    while (at + 12 <= served.length && at + 12 + bytes.getInt(at + 8) <= served.length) {
      at += 12 + bytes.getInt(at + 8);
      batch++;
    }
    return batch;
  }
}
