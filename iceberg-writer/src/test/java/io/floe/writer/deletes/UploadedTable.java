package io.floe.writer.deletes;

import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.writer.LocalFileIO;
import io.floe.writer.SegmentUpload;
import io.floe.writer.SegmentUploader;
import io.floe.writer.WriterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A topic's table in a real JDBC catalog on SQLite over local files, filled by the writer's normal
 * upload of segments written by Kafka's own code.
 */
final class UploadedTable {
  private static final String NAMESPACE = "kafka";
  private static final String TOPIC = "orders";
  private static final String TOPIC_ID = "Ss2DtWGYQr6zEMpcQ0ZKyg";

  private final Catalog catalog;
  private final SegmentUploader uploader;

  /** @param targetFileSizeBytes 1 closes a data file after every batch: many small files */
  UploadedTable(Path dir, long targetFileSizeBytes) {
    try {
      // DriverManager finds drivers through the context class loader only (KAFKA-NOTES §7.3).
      Class.forName("org.sqlite.JDBC");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    this.catalog = CatalogUtil.buildIcebergCatalog("floe_test", Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC,
        CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.db"),
        CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toString(),
        CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName(),
        "jdbc.init-catalog-tables", "true",
        "jdbc.schema-version", "V1"), null);
    this.uploader = new SegmentUploader(catalog, new LocalFileIO(),
        new WriterSettings(NAMESPACE, dir.resolve("manifests").toString(), targetFileSizeBytes, 8 << 20));
  }

  /** Uploads the segment file as segment {@code segmentId} of Kafka partition {@code partition}. */
  UploadedTable upload(Path segmentFile, int partition, String segmentId) {
    List<TranslatedBatch> batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segmentFile, partition)) {
      translator.forEachRemaining(batches::add);
    }
    long start = batches.get(0).rows().get(0).batch().header().baseOffset();
    long end = batches.get(batches.size() - 1).rows().get(0).batch().header().lastOffset();
    byte[] opaque = new byte[] {1};
    uploader.upload(new SegmentUpload(new SegmentRef(TOPIC, TOPIC_ID, partition, segmentId, start, end), segmentFile,
        new KafkaIndexes(opaque, opaque, Optional.empty(), opaque, opaque),
        new ValueTyper(ValueFormat.AUTO, Optional.empty(), false), new KeyTyper(KeyFormat.AUTO, Optional.empty(), false)));
    return this;
  }

  Table table() {
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, TOPIC));
  }

  /** The (partition, offset) of every row of a snapshot, as Iceberg's generic reader reads it. */
  static List<KafkaOffset> offsets(Table table, long snapshotId) {
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      List<KafkaOffset> offsets = new ArrayList<>();
      records.forEach(record -> offsets.add(KafkaOffset.of(record)));
      offsets.sort(null);
      return offsets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A row's place in Kafka. */
  record KafkaOffset(int partition, long offset) implements Comparable<KafkaOffset> {
    static KafkaOffset of(Record row) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      return new KafkaOffset((Integer) kafka.getField(KafkaColumns.PARTITION), (Long) kafka.getField(KafkaColumns.OFFSET));
    }

    static KafkaOffset of(LocatedRow row) {
      return new KafkaOffset(row.partition(), row.offset());
    }

    @Override
    public int compareTo(KafkaOffset other) {
      return partition != other.partition ? Integer.compare(partition, other.partition)
          : Long.compare(offset, other.offset);
    }
  }
}
