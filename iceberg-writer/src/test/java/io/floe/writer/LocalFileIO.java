package io.floe.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Local files as an Iceberg {@code FileIO}, for tests: the catalog (as its {@code io-impl}) and the
 * uploader share real files in a temporary directory. Deleting a missing file fails, as Iceberg's
 * in-memory FileIO does, so that callers are tested against the stricter behaviour.
 */
public class LocalFileIO implements FileIO {
  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(path(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = path(location);
    try {
      // Iceberg's local output file races on creating directories when uploads run at once.
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return org.apache.iceberg.Files.localOutput(path.toFile());
  }

  @Override
  public void deleteFile(String location) {
    try {
      if (!Files.deleteIfExists(path(location))) {
        throw new NotFoundException("No file at %s", location);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path path(String location) {
    return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
  }
}
