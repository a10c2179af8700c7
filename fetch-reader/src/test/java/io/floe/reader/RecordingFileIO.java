package io.floe.reader;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SeekableInputStream;

/** A FileIO that records which objects are opened and which byte ranges of them are read. */
final class RecordingFileIO implements FileIO {
  /** Bytes {@code position} to {@code position + length - 1} of the object at {@code location}. */
  record Read(String location, long position, int length) {}

  private final FileIO files = new NioFileIO();
  private final ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
  private final AtomicInteger open = new AtomicInteger();

  /** Locations of the streams opened, in order, once per stream. */
  List<String> opened() {
    return List.copyOf(opened);
  }

  List<Read> reads(String location) {
    return reads.stream().filter(read -> read.location().equals(location)).toList();
  }

  /** Streams opened and not closed yet. */
  int openStreams() {
    return open.get();
  }

  @Override
  public InputFile newInputFile(String location) {
    return new RecordingInputFile(files.newInputFile(location));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return files.newOutputFile(location);
  }

  @Override
  public void deleteFile(String location) {
    files.deleteFile(location);
  }

  private final class RecordingInputFile implements InputFile {
    private final InputFile file;

    RecordingInputFile(InputFile file) {
      this.file = file;
    }

    @Override
    public long getLength() {
      return file.getLength();
    }

    @Override
    public SeekableInputStream newStream() {
      SeekableInputStream stream = file.newStream();
      opened.add(file.location());
      open.incrementAndGet();
      return new RecordingStream(file.location(), stream);
    }

    @Override
    public String location() {
      return file.location();
    }

    @Override
    public boolean exists() {
      return file.exists();
    }
  }

  private final class RecordingStream extends SeekableInputStream {
    private final String location;
    private final SeekableInputStream stream;
    private boolean closed;

    RecordingStream(String location, SeekableInputStream stream) {
      this.location = location;
      this.stream = stream;
    }

    @Override
    public long getPos() throws IOException {
      return stream.getPos();
    }

    @Override
    public void seek(long position) throws IOException {
      stream.seek(position);
    }

    @Override
    public int read() throws IOException {
      long position = stream.getPos();
      int value = stream.read();
      if (value >= 0) {
        reads.add(new Read(location, position, 1));
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long position = stream.getPos();
      int count = stream.read(buffer, offset, length);
      if (count > 0) {
        reads.add(new Read(location, position, count));
      }
      return count;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        open.decrementAndGet();
      }
      stream.close();
    }
  }
}
