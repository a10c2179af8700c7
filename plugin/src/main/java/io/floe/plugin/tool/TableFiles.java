package io.floe.plugin.tool;

import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.maintenance.ReferencedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The files a table's metadata references, read from its Iceberg manifests only: the data files in
 * the head of the Kafka view's branch ({@code floe}), and every file any snapshot or pending
 * transaction still holds (what orphan removal keeps). Locations are compared as
 * {@link ReferencedFiles#canonical} gives them.
 */
record TableFiles(Set<String> inKafkaView, ReferencedFiles referenced, String dataLocation) {

  static TableFiles of(Table table) {
    return new TableFiles(kafkaView(table), ReferencedFiles.of(table), ReferencedFiles.dataLocation(table));
  }

  private static Set<String> kafkaView(Table table) {
    Set<String> files = new HashSet<>();
    if (table.refs().get(KafkaViewBranch.NAME) == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(KafkaViewBranch.NAME).planFiles()) {
      tasks.forEach(task -> files.add(ReferencedFiles.canonical(task.file().location())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
