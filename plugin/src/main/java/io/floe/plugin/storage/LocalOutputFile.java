package io.floe.plugin.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * A local file written aside and moved into place when closed, so that readers never see part of
 * it. Parent directories are created as needed (concurrent copies race to create them).
 */
final class LocalOutputFile implements OutputFile {
  private static final String ASIDE_PREFIX = ".";
  private static final String ASIDE_SUFFIX = ".tmp";

  private final String location;
  private final Path path;

  LocalOutputFile(String location, Path path) {
    this.location = location;
    this.path = path;
  }

  /** Whether {@code file} is one being written aside, not yet a file of its own name. */
  static boolean isAside(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(ASIDE_PREFIX) && name.endsWith(ASIDE_SUFFIX);
  }

  @Override
  public PositionOutputStream create() {
    if (Files.exists(path)) {
      throw new AlreadyExistsException("File already exists: %s", location);
    }
    return open(false);
  }

  @Override
  public PositionOutputStream createOrOverwrite() {
    return open(true);
  }

  private PositionOutputStream open(boolean overwrite) {
    try {
      Files.createDirectories(path.getParent());
      Path aside = path.resolveSibling(ASIDE_PREFIX + path.getFileName() + "." + UUID.randomUUID() + ASIDE_SUFFIX);
      return new AsideStream(Files.newOutputStream(aside), aside, overwrite);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public InputFile toInputFile() {
    return new LocalInputFile(location, path);
  }

  private final class AsideStream extends PositionOutputStream {
    private final OutputStream out;
    private final Path aside;
    private final boolean overwrite;
    private long position;
    private boolean closed;

    AsideStream(OutputStream out, Path aside, boolean overwrite) {
      this.out = out;
      this.aside = aside;
      this.overwrite = overwrite;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      out.close();
      try {
        if (overwrite) {
          Files.move(aside, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.createLink(path, aside);
          Files.delete(aside);
        }
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(aside);
        throw new AlreadyExistsException("File already exists: %s", location);
      } catch (IOException e) {
        Files.deleteIfExists(aside);
        throw e;
      }
    }
  }
}
