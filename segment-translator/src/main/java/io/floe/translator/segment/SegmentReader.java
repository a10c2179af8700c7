package io.floe.translator.segment;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the batches of a {@code .log} segment file in order, holding one chunk of the file (or
 * one batch, if larger) in memory at a time. It checks framing only; checksums and contents are
 * the translator's business.
 *
 * <p>The file is read a chunk at a time, not a batch at a time: two reads per batch of the
 * producer's default 16 KiB cost more in system calls and copies than the rest of reading. Each
 * chunk is a new array that frames are views of, so a frame stays valid however far the reader
 * goes on.
 */
public final class SegmentReader implements Iterator<BatchFrame>, Closeable {
  /** Offset, size and magic: the bytes every magic shares before its own header starts. */
  private static final int HEADER_UP_TO_MAGIC = 17;
  /** Smallest entry size (after offset and size) per magic: v0 and v1 messages, v2 batch. */
  private static final int[] MIN_SIZE = {14, 22, 49};
  /** Bytes read at once: below half of G1's smallest region, so that a chunk is never a humongous object. */
  static final int CHUNK_BYTES = 256 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final long fileSize;
  private long position;
  /** The file's bytes from {@code chunkStart} on, read ahead; {@code position} is within them or at their end. */
  private ByteBuffer chunk = ByteBuffer.allocate(0);
  private long chunkStart;
  private BatchFrame next;

  public SegmentReader(Path file) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      this.fileSize = channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open segment " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public boolean hasNext() {
    if (next == null && position < fileSize) {
      next = readFrame();
    }
    return next != null;
  }

  @Override
  public BatchFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No batch after position " + position + " of " + file);
    }
    BatchFrame frame = next;
    next = null;
    return frame;
  }

  private BatchFrame readFrame() {
    long remaining = fileSize - position;
    if (remaining < HEADER_UP_TO_MAGIC) {
      ByteBuffer partial = bytesAt((int) remaining);
      long offset = remaining >= 8 ? partial.getLong(0) : -1;
      throw truncated(offset, "is truncated: only " + remaining + " bytes remain, fewer than a batch header");
    }
    ByteBuffer header = bytesAt(HEADER_UP_TO_MAGIC);
    long offset = header.getLong(0);
    int size = header.getInt(8);
    byte magic = header.get(16);
    int minimum = magic >= 0 && magic < MIN_SIZE.length ? MIN_SIZE[magic] : MIN_SIZE[0];
    if (size < minimum) {
      throw new SegmentFormatException(file, position, offset, "size",
          "is corrupt: declares " + size + " bytes, fewer than the smallest batch of magic " + magic);
    }
    long total = 12L + size;
    if (total > remaining) {
      throw truncated(offset, "is truncated: declares " + total + " bytes but only " + remaining + " remain");
    }
    BatchFrame frame = new BatchFrame(position, bytesAt((int) total));
    position += total;
    return frame;
  }

  private SegmentFormatException truncated(long offset, String problem) {
    return new SegmentFormatException(file, position, offset, "size", problem);
  }

  /** The {@code length} bytes from {@code position} on, which the caller knows the file has. */
  private ByteBuffer bytesAt(int length) {
    if (position + length > chunkStart + chunk.limit()) {
      readChunk(length);
    }
    return chunk.slice((int) (position - chunkStart), length);
  }

  /**
   * Reads a new chunk from {@code position} on, of at least {@code length} bytes, the unread end
   * of the current chunk copied to its start.
   */
  private void readChunk(int length) {
    int size = (int) Math.min(fileSize - position, Math.max(CHUNK_BYTES, length));
    int kept = (int) (chunkStart + chunk.limit() - position);
    ByteBuffer buffer = ByteBuffer.allocate(size).put(chunk.slice((int) (position - chunkStart), kept));
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw truncated(-1, "is truncated: the file shrank while it was read");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read segment " + file + " at position " + (position + kept) + ": "
          + e.getMessage(), e);
    }
    chunk = buffer.flip();
    chunkStart = position;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close segment " + file, e);
    }
  }
}
