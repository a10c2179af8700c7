package io.floe.plugin.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Iceberg {@link FileIO} over the local file system, which Iceberg core lacks: the embedded
 * default's warehouse and any warehouse on a mounted volume. Locations are {@code file:} URIs or
 * absolute paths. Files appear whole: they are written aside and moved into place on close.
 */
public final class LocalFileIO implements FileIO {
  private Map<String, String> properties = Map.of();

  @Override
  public void initialize(Map<String, String> props) {
    this.properties = Map.copyOf(props);
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalInputFile(location, pathOf(location));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new LocalOutputFile(location, pathOf(location));
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(pathOf(location));
    } catch (NoSuchFileException e) {
      // a parent directory is gone: the file is gone too
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + location + ": " + e.getMessage(), e);
    }
  }

  /** {@code file:///a/b}, {@code file:/a/b} and {@code /a/b} all name {@code /a/b}. */
  public static Path pathOf(String location) {
    String path = location;
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
      if (path.startsWith("///")) {
        path = path.substring(2);
      }
    }
    Path resolved = Path.of(path);
    if (!resolved.isAbsolute()) {
      throw new IllegalArgumentException("Cannot use location " + location + ": local locations must be absolute");
    }
    return resolved;
  }
}
