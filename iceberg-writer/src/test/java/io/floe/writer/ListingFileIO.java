package io.floe.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Local files that list, as object stores' FileIOs do: each file with its last-modified time as
 * the time it was written, which a test sets to age a file.
 */
public class ListingFileIO extends LocalFileIO implements SupportsPrefixOperations {
  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path root = path(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(ListingFileIO::info).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    listPrefix(prefix).forEach(file -> deleteFile(file.location()));
  }

  private static FileInfo info(Path file) {
    try {
      return new FileInfo("file:" + file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
