package io.floe.translator.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Collects a batch's records and, on close, writes them to the batch as one zstd frame through a
 * pooled {@link ZstdCompressor}: the bytes a producer's zstd stream writes for the same records.
 */
final class ZstdFrameOutputStream extends OutputStream {
  private final BatchBuffer records = new BatchBuffer(16 * 1024);
  private final OutputStream out;
  private boolean closed;

  ZstdFrameOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) {
    records.write(b);
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    records.write(source, offset, length);
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      ZstdCompressor.compress(records.buffer(), out);
      out.close();
    }
  }
}
