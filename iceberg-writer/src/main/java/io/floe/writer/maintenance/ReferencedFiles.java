package io.floe.writer.maintenance;

import io.floe.writer.pending.PendingTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;

/**
 * Every file a table's metadata references: the manifest lists and manifests of every snapshot of
 * every ref, the data and delete files those manifests hold, and the files of every partition's
 * pending transactions (which the Kafka view's branch holds too, but a file an upload is about to
 * add to {@code main} must never be taken on the strength of one reading). Locations are compared
 * as {@link #canonical} gives them.
 */
public record ReferencedFiles(Set<String> locations) {
  public ReferencedFiles {
    locations = Set.copyOf(locations);
  }

  /** Reads them from the table as it is loaded: its metadata, and each manifest once. */
  public static ReferencedFiles of(Table table) {
    Set<String> files = new HashSet<>();
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.manifestListLocation() != null) {
        files.add(canonical(snapshot.manifestListLocation()));
      }
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifestsRead.add(manifest.path())) {
          files.add(canonical(manifest.path()));
          switch (manifest.content()) {
            case DATA -> addAll(ManifestFiles.read(manifest, table.io(), table.specs()), files);
            case DELETES -> addAll(ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs()), files);
          }
        }
      }
    }
    PendingTransactions.ofEveryPartition(table)
        .forEach(partition -> partition.locations().forEach(location -> files.add(canonical(location))));
    return new ReferencedFiles(files);
  }

  public boolean contains(String location) {
    return locations.contains(canonical(location));
  }

  /** Where the table's data and delete files go: {@code write.data.path}, or {@code <location>/data}; ends with {@code /}. */
  public static String dataLocation(Table table) {
    String configured = table.properties().get(TableProperties.WRITE_DATA_LOCATION);
    String location = configured != null ? configured : table.location() + "/data";
    return location.endsWith("/") ? location : location + "/";
  }

  /** One spelling per local file: {@code file:///a}, {@code file:/a} and {@code /a} name the same. */
  public static String canonical(String location) {
    if (location.startsWith("file:///")) {
      return location.substring("file://".length());
    }
    if (location.startsWith("file:/")) {
      return location.substring("file:".length());
    }
    return location;
  }

  private static <F extends ContentFile<F>> void addAll(ManifestReader<F> reader, Set<String> files) {
    try (ManifestReader<F> entries = reader) {
      entries.forEach(file -> files.add(canonical(file.location())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read manifest: " + e.getMessage(), e);
    }
  }
}
