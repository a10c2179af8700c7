package io.floe.reader;

import io.floe.translator.manifest.ClassicManifest;
import io.floe.translator.manifest.ClassicObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * A classic segment ready to serve fetches: its bytes and indexes are objects of their own, so a
 * fetch is a ranged read of the segment's object and an index is its object, byte for byte.
 */
record ClassicSegment(String path, ClassicManifest manifest, int encodedSize) implements FetchableSegment {

  /**
   * The segment's bytes from {@code start} to {@code end} (both inclusive), or to its end if it
   * ends first; a start at or past its end gives an empty stream.
   */
  InputStream fetch(FileIO io, String prefix, int start, int end) {
    long size = manifest.sizeInBytes();
    long stop = Math.min((long) end + 1, size);
    if (start >= stop) {
      return InputStream.nullInputStream();
    }
    String location = ClassicObject.SEGMENT.location(prefix, manifest.segment());
    SeekableInputStream in = open(io, location, size);
    try {
      in.seek(start);
    } catch (IOException e) {
      close(in);
      throw failed(location, e);
    }
    return new RangedStream(in, stop - start, location);
  }

  /**
   * One of the segment's indexes as the broker handed it over.
   *
   * @throws IndexNotFoundException if the broker handed over no transaction index
   */
  InputStream index(FileIO io, String prefix, IndexKind kind) {
    if (kind == IndexKind.TRANSACTION && !manifest.hasTransactionIndex()) {
      throw new IndexNotFoundException(String.format(
          "Cannot fetch the %s index of %s: the segment has none", kind.label(), manifest.segment()));
    }
    String location = kind.classicObject().location(prefix, manifest.segment());
    try {
      return io.newInputFile(location).newStream();
    } catch (RuntimeException e) {
      throw failed(location, e);
    }
  }

  private SeekableInputStream open(FileIO io, String location, long size) {
    try {
      return io.newInputFile(location, size).newStream();
    } catch (RuntimeException e) {
      throw failed(location, e);
    }
  }

  private FetchFailedException failed(String location, Exception e) {
    return new FetchFailedException(String.format("Cannot fetch classic %s: cannot read %s: %s", manifest.segment(),
        location, e.getMessage()), e);
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The next {@code remaining} bytes of a stream, then its end. An object that ends first (cut
   * short in the store, or a response body cut off) fails the read: served as it is, it would
   * give the broker a segment that ends inside a batch.
   */
  private final class RangedStream extends InputStream {
    private final InputStream in;
    private final String location;
    private long remaining;

    RangedStream(InputStream in, long remaining, String location) {
      this.in = in;
      this.remaining = remaining;
      this.location = location;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw endedEarly();
      }
      remaining--;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return length == 0 ? 0 : -1;
      }
      int read = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (read < 0) {
        throw endedEarly();
      }
      remaining -= read;
      return read;
    }

    private IOException endedEarly() {
      return new IOException(String.format("Cannot fetch classic %s: %s ended %d bytes before the range served "
          + "did (the segment is %d bytes): the object is shorter than the segment it was copied from",
          manifest.segment(), location, remaining, manifest.sizeInBytes()));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
