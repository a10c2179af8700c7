package io.floe.plugin.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
  @TempDir
  Path dir;

  private final LocalFileIO io = new LocalFileIO();

  @Test
  void aWrittenFileReadsBackWithSeeksAndCreatesItsDirectories() throws IOException {
    String location = "file://" + dir.resolve("a/b/c.bin");
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write("hello, floe".getBytes(StandardCharsets.UTF_8));
      assertEquals(11, out.getPos());
    }

    assertEquals(11, io.newInputFile(location).getLength());
    try (SeekableInputStream in = io.newInputFile(location).newStream()) {
      in.seek(7);
      assertArrayEquals("floe".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    }
  }

  @Test
  void aFileIsInvisibleUntilItsStreamCloses() throws IOException {
    String location = dir.resolve("manifest").toString();
    PositionOutputStream out = io.newOutputFile(location).createOrOverwrite();
    out.write(1);
    assertFalse(io.newInputFile(location).exists());
    out.close();

    assertTrue(io.newInputFile(location).exists());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left beside it");
    }
  }

  @Test
  void createRefusesAnExistingFileAndCreateOrOverwriteReplacesIt() throws IOException {
    String location = "file:" + dir.resolve("f");
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write(1);
    }

    assertThrows(AlreadyExistsException.class, () -> io.newOutputFile(location).create());
    try (PositionOutputStream out = io.newOutputFile(location).createOrOverwrite()) {
      out.write(new byte[] {2, 3});
    }
    assertEquals(2, io.newInputFile(location).getLength());
  }

  @Test
  void aMissingFileIsNotFoundAndDeletingItTwiceIsFine() {
    String location = dir.resolve("gone/missing").toString();

    assertThrows(NotFoundException.class, () -> io.newInputFile(location).newStream());
    assertThrows(NotFoundException.class, () -> io.newInputFile(location).getLength());
    io.deleteFile(location);
    io.deleteFile(location);
  }

  @Test
  void manyFilesAreDeletedAtOnceAndThoseThatCannotBeAreCounted() throws IOException {
    String kept = dir.resolve("full/child").toString();
    try (PositionOutputStream out = io.newOutputFile(kept).create()) {
      out.write(1);
    }
    String first = dir.resolve("a").toString();
    String second = dir.resolve("b/c").toString();
    for (String location : List.of(first, second)) {
      io.newOutputFile(location).create().close();
    }

    BulkDeletionFailureException failure = assertThrows(BulkDeletionFailureException.class,
        () -> io.deleteFiles(List.of(first, dir.resolve("full").toString(), second, dir.resolve("missing").toString())));

    assertEquals(1, failure.numberFailedObjects());
    assertFalse(io.newInputFile(first).exists());
    assertFalse(io.newInputFile(second).exists());
    assertTrue(io.newInputFile(kept).exists());
  }

  @Test
  void locationsNameTheSamePathWithOrWithoutTheirScheme() {
    assertEquals(Path.of("/a/b"), LocalFileIO.pathOf("file:///a/b"));
    assertEquals(Path.of("/a/b"), LocalFileIO.pathOf("file:/a/b"));
    assertEquals(Path.of("/a/b c"), LocalFileIO.pathOf("/a/b c"));
    assertThrows(IllegalArgumentException.class, () -> LocalFileIO.pathOf("relative/path"));
  }

  @Test
  void aPrefixListsTheFilesUnderItAtEveryDepthInTheFormItWasGiven() throws IOException {
    Files.createDirectories(dir.resolve("manifests/orders-x/3"));
    Files.createDirectories(dir.resolve("manifests/ordersplus-y/0"));
    Files.writeString(dir.resolve("manifests/orders-x/3/a.floe-manifest"), "abc");
    Files.writeString(dir.resolve("manifests/ordersplus-y/0/b.floe-manifest"), "de");

    assertEquals(java.util.Set.of("file://" + dir + "/manifests/orders-x/3/a.floe-manifest",
            "file://" + dir + "/manifests/ordersplus-y/0/b.floe-manifest"),
        locations(io.listPrefix("file://" + dir + "/manifests/")));
    assertEquals(java.util.Set.of(dir + "/manifests/orders-x/3/a.floe-manifest"),
        locations(io.listPrefix(dir + "/manifests/orders-")));
    assertEquals(3, io.listPrefix(dir + "/manifests/orders-").iterator().next().size());
    assertEquals(java.util.Set.of(), locations(io.listPrefix(dir + "/nothing/here")));
  }

  @Test
  void aFileIsNotListedUntilItsStreamCloses() throws IOException {
    String location = "file://" + dir.resolve("manifests/orders-x/0/a.floe-manifest");
    PositionOutputStream out = io.newOutputFile(location).createOrOverwrite();
    out.write(1);

    assertEquals(java.util.Set.of(), locations(io.listPrefix("file://" + dir + "/manifests/")));
    out.close();
    assertEquals(java.util.Set.of(location), locations(io.listPrefix("file://" + dir + "/manifests/")));
  }

  @Test
  void aListingWhileFilesAreWrittenAndDeletedNeverFailsAndListsOnlyWholeFiles() throws Exception {
    String prefix = "file://" + dir + "/data/";
    AtomicBoolean done = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 2_000; i++) {
          String location = prefix + (i % 4) + "/file-" + i + ".parquet";
          try (PositionOutputStream out = io.newOutputFile(location).create()) {
            out.write(new byte[] {1, 2, 3});
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (i % 2 == 0) {
            io.deleteFile(location);
          }
        }
      } finally {
        done.set(true);
      }
    });
    writer.start();

    try {
      int listings = 0;
      while (!done.get() || listings == 0) {
        for (org.apache.iceberg.io.FileInfo file : io.listPrefix(prefix)) {
          assertTrue(file.location().endsWith(".parquet") && file.size() == 3, file.location() + " " + file.size());
        }
        listings++;
      }
    } finally {
      writer.join();
    }
    assertEquals(1_000, locations(io.listPrefix(prefix)).size());
  }

  private static java.util.Set<String> locations(Iterable<org.apache.iceberg.io.FileInfo> files) {
    java.util.Set<String> locations = new java.util.HashSet<>();
    files.forEach(file -> locations.add(file.location()));
    return locations;
  }
}
