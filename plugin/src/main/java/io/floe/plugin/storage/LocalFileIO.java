package io.floe.plugin.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Iceberg {@link FileIO} over the local file system, which Iceberg core lacks: the embedded
 * default's warehouse and any warehouse on a mounted volume. Locations are {@code file:} URIs or
 * absolute paths. Files appear whole: they are written aside and moved into place on close. Lists
 * and deletes by prefix, as object stores' FileIOs do (the {@code floe} tool lists manifests and
 * data files so).
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations {
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

  /**
   * The files whose locations start with {@code prefix}, as an object store lists keys: a
   * directory's files at every depth, or the files of its parent whose paths start with the
   * prefix. Each location is the prefix as given followed by the rest of the file's path.
   */
  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path path = pathOf(prefix);
    String given = prefix.endsWith("/") && !path.toString().endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    String start = path.toString();
    Path root = Files.isDirectory(path) ? path : path.getParent();
    if (root == null || !Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> file.toString().startsWith(start))
          .map(file -> info(given + file.toString().substring(start.length()), file))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("Cannot list " + prefix + ": " + e.getMessage(),
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
  }

  /**
   * A file's size and when it was written: its last-modified time, as S3's listing gives it (a file
   * here appears whole, moved into place once written). Creation time is not that everywhere: on
   * some file systems and JDKs it reads as the last-modified time, on others as the birth time.
   */
  private static FileInfo info(String location, Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileInfo(location, attributes.size(), attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the attributes of " + location + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every file {@link #listPrefix} lists; directories are left. */
  @Override
  public void deletePrefix(String prefix) {
    listPrefix(prefix).forEach(file -> deleteFile(file.location()));
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
