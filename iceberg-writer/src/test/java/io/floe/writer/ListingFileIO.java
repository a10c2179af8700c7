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
  /** Every file whose location starts with {@code prefix}, a directory's or any other (as a store lists keys). */
  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path named = path(prefix);
    Path root = Files.isDirectory(named) ? named : named.getParent();
    if (root == null || !Files.isDirectory(root)) {
      return List.of();
    }
    String start = named.toString();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(file -> file.toString().startsWith(start))
          .map(file -> info(file, prefix.startsWith("file:") ? "file:" : "")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    listPrefix(prefix).forEach(file -> deleteFile(file.location()));
  }

  /** The file as listed, its location in the form the prefix had. */
  private static FileInfo info(Path file, String scheme) {
    try {
      return new FileInfo(scheme + file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
