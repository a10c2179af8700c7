package io.floe.writer.table;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.OFFSET;
import static io.floe.translator.table.KafkaColumns.PARTITION;
import static io.floe.translator.table.KafkaColumns.TIMESTAMP_COLUMN;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;

/**
 * The layout of a table Floe creates: partitioned by day of the record timestamp, sorted by
 * partition and offset, and marked with the topic it holds. An operator who creates the table
 * first chooses another; Floe adopts it.
 */
public final class KafkaTableLayout {
  /** Table property: the topic name. */
  public static final String TOPIC_PROPERTY = "floe.topic";
  /** Table property: the topic id, which tells a recreated topic of the same name apart. */
  public static final String TOPIC_ID_PROPERTY = "floe.topic-id";

  private static final int PREVIOUS_METADATA_VERSIONS = 20;
  private static final String PARTITION_COLUMN = KAFKA + "." + PARTITION;
  private static final String OFFSET_COLUMN = KAFKA + "." + OFFSET;

  private KafkaTableLayout() {}

  public static PartitionSpec spec(Schema schema) {
    return PartitionSpec.builderFor(schema).day(TIMESTAMP_COLUMN).build();
  }

  public static SortOrder sortOrder(Schema schema) {
    return SortOrder.builderFor(schema).asc(PARTITION_COLUMN).asc(OFFSET_COLUMN).build();
  }

  /**
   * The topic, and old metadata files deleted after each commit: a table gets a commit per tiered
   * segment, and without this its metadata directory grows with the square of their number.
   */
  public static Map<String, String> properties(String topic, String topicId) {
    return Map.of(TOPIC_PROPERTY, topic, TOPIC_ID_PROPERTY, topicId,
        TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
        TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, String.valueOf(PREVIOUS_METADATA_VERSIONS));
  }

  /**
   * The sort order to declare for a data file of this table. Floe writes a segment's rows in
   * offset order, all of one partition, so its files satisfy the table's order when that order is
   * partition then offset, or a prefix of it; for any other they claim to be unsorted.
   */
  public static SortOrder declaredOrder(Table table) {
    return sortOrder(table.schema()).satisfies(table.sortOrder()) ? table.sortOrder() : SortOrder.unsorted();
  }
}
