package io.floe.plugin.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Iceberg {@link FileIO} over the local file system, which Iceberg core lacks: the embedded
 * default's warehouse and any warehouse on a mounted volume. Locations are {@code file:} URIs or
 * absolute paths. Files appear whole: they are written aside and moved into place on close. Lists
 * and deletes by prefix, as object stores' FileIOs do (the {@code floe} tool lists manifests and
 * data files so), and deletes many files in the calling thread: without bulk deletion Iceberg hands
 * them to its worker pool and polls it, sleeping 10 ms at a time, as when a commit deletes the
 * table's old metadata files.
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations, SupportsBulkOperations {
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
   * prefix. Each location is the prefix as given followed by the rest of the file's path. Like an
   * object store, it lists whole files only, never one still being written aside, and a file
   * moved into place or deleted while the listing runs is listed or not, but never fails it: a
   * broker writes manifests and data files while maintenance and the {@code floe} tool list them.
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
    List<FileInfo> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          if (file.toString().startsWith(start) && !LocalOutputFile.isAside(file)) {
            info(file, attributes).ifPresent(found -> files.add(
                new FileInfo(given + file.toString().substring(start.length()), found.size(),
                    found.lastModifiedTime().toMillis())));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // gone since its directory was read
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + prefix + ": " + e.getMessage(), e);
    }
    return files;
  }

  /**
   * A regular file's size and when it was written (its last-modified time, as S3's listing gives
   * it: a file here appears whole, moved into place once written), following a link; empty for a
   * directory, or a link to nothing. Creation time is not that everywhere: on some file systems
   * and JDKs it reads as the last-modified time, on others as the birth time.
   */
  private static Optional<BasicFileAttributes> info(Path file, BasicFileAttributes attributes) throws IOException {
    if (!attributes.isSymbolicLink()) {
      return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
    }
    try {
      BasicFileAttributes target = Files.readAttributes(file, BasicFileAttributes.class);
      return target.isRegularFile() ? Optional.of(target) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes each file, going on past failures.
   *
   * @throws BulkDeletionFailureException naming how many could not be deleted
   */
  @Override
  public void deleteFiles(Iterable<String> locations) {
    int failures = 0;
    for (String location : locations) {
      try {
        deleteFile(location);
      } catch (UncheckedIOException e) {
        failures++;
      }
    }
    if (failures > 0) {
      throw new BulkDeletionFailureException(failures);
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
