package io.floe.translator.format;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A native zstd compression context kept for reuse, with its direct buffers. Creating a context and
 * clearing its tables costs more than compressing a 16 KiB batch, so contexts are pooled.
 *
 * <p>The frame is driven as Kafka's producer drives its {@code ZstdOutputStreamNoFinalizer} behind a
 * {@code BufferedOutputStream}: all input with {@code continue}, then the stream's {@code flush} (which
 * closing the buffered stream calls), then {@code end}. In zstd's buffered input mode the output does
 * not depend on how the input is cut, so input goes through a fixed buffer slice by slice and the
 * bytes are still the producer's.
 */
final class ZstdCompressor implements AutoCloseable {
  /** Kafka's default zstd level. */
  private static final int LEVEL = 3;
  private static final int BUFFER_SIZE = 128 * 1024;
  private static final ContextPool<ZstdCompressor> POOL = new ContextPool<>(ZstdCompressor::new);

  private final ZstdCompressCtx context = new ZstdCompressCtx();
  private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private final byte[] transfer = new byte[BUFFER_SIZE];

  private ZstdCompressor() {}

  /** Compresses the remaining bytes of {@code source} into one zstd frame written to {@code out}. */
  static void compress(ByteBuffer source, OutputStream out) throws IOException {
    ZstdCompressor compressor = POOL.acquire();
    try {
      compressor.frame(source.duplicate(), out);
    } catch (IOException | RuntimeException e) {
      POOL.discard(compressor);
      throw e;
    }
    POOL.release(compressor);
  }

  private void frame(ByteBuffer source, OutputStream out) throws IOException {
    context.reset();
    context.setLevel(LEVEL);
    output.clear();
    while (source.hasRemaining()) {
      int length = Math.min(BUFFER_SIZE, source.remaining());
      input.clear();
      input.put(source.slice(source.position(), length)).flip();
      source.position(source.position() + length);
      run(EndDirective.CONTINUE, out);
    }
    input.clear().flip();
    run(EndDirective.FLUSH, out);
    run(EndDirective.END, out);
    drain(out);
  }

  /** Calls zstd until it has taken all input and, to flush or end, given out all it holds. */
  private void run(EndDirective directive, OutputStream out) throws IOException {
    while (true) {
      boolean flushed = context.compressDirectByteBufferStream(output, input, directive);
      if (!input.hasRemaining() && (directive == EndDirective.CONTINUE || flushed)) {
        return;
      }
      if (!output.hasRemaining()) {
        drain(out);
      }
    }
  }

  private void drain(OutputStream out) throws IOException {
    output.flip();
    int length = output.remaining();
    output.get(transfer, 0, length);
    out.write(transfer, 0, length);
    output.clear();
  }

  @Override
  public void close() {
    context.close();
  }
}
