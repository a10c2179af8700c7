package io.floe.e2e.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a log file gains from some moment on, read as they come without reading the file
 * again: a broker's {@code server.log}, which its restarts append to, looked at every few
 * milliseconds while a long run makes it large.
 */
final class LogTail {
  private final Path file;
  private long position;
  private final StringBuilder partial = new StringBuilder();

  private LogTail(Path file, long position) {
    this.file = file;
    this.position = position;
  }

  /** A tail of {@code file} from its current end: only lines written from now on. */
  static LogTail fromEnd(Path file) {
    try {
      return new LogTail(file, Files.exists(file) ? Files.size(file) : 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + file, e);
    }
  }

  /** The whole lines written since the last call (or since this tail began). */
  List<String> newLines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] added;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= position) {
        return List.of();
      }
      added = new byte[Math.toIntExact(length - position)];
      in.seek(position);
      in.readFully(added);
      position = length;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " from byte " + position, e);
    }
    partial.append(new String(added, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    int end;
    while ((end = partial.indexOf("\n")) >= 0) {
      lines.add(partial.substring(0, end));
      partial.delete(0, end + 1);
    }
    return lines;
  }
}
