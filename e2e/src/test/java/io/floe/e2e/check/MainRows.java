package io.floe.e2e.check;

import io.floe.e2e.floe.TableRows;
import io.floe.e2e.floe.WarehouseCatalog;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows of a topic's table on {@code main} by the Kafka position they hold, checked against
 * what was produced: every tiered record there, none twice.
 */
public final class MainRows {
  private final String table;
  private final Map<TopicPartition, TreeMap<Long, List<Record>>> rowsAt;

  private MainRows(String table, Map<TopicPartition, TreeMap<Long, List<Record>>> rowsAt) {
    this.table = table;
    this.rowsAt = rowsAt;
  }

  /** The {@code _kafka} struct of every row of the table of {@code topic} in the embedded default's warehouse. */
  public static MainRows of(Path warehouse, String topic) {
    String table = WarehouseCatalog.tableOf(warehouse, topic);
    return new MainRows(table, byPosition(topic, TableRows.of(warehouse, table)));
  }

  /** The same, for a topic whose name is a plain identifier, in the catalog of {@code catalogProperties}. */
  public static MainRows of(Map<String, String> catalogProperties, String topic) {
    return new MainRows(topic, byPosition(topic, TableRows.of(catalogProperties, topic)));
  }

  private static Map<TopicPartition, TreeMap<Long, List<Record>>> byPosition(String topic, List<Record> kafka) {
    return kafka.stream()
        .collect(Collectors.groupingBy(row -> new TopicPartition(topic, (Integer) row.getField(KafkaColumns.PARTITION)),
            Collectors.groupingBy(row -> (Long) row.getField(KafkaColumns.OFFSET), TreeMap::new, Collectors.toList())));
  }

  /**
   * Fails unless every produced record before its partition's offset in {@code tieredBefore} is a
   * row, with the key and value produced.
   */
  public void assertHoldsEveryRecordBefore(ProducedRecords produced, Map<TopicPartition, Long> tieredBefore) {
    for (ProducedRecord record : produced.visibleTo(IsolationLevel.READ_UNCOMMITTED)) {
      TopicPartition partition = tieredBefore.keySet().stream().filter(tp -> tp.partition() == record.partition())
          .findFirst().orElseThrow();
      if (record.offset() >= tieredBefore.get(partition)) {
        continue;
      }
      String at = partition + "@" + record.offset();
      List<Record> rows = rowsAt.getOrDefault(partition, new TreeMap<>()).get(record.offset());
      if (rows == null) {
        throw new AssertionError("Tiered record " + at + " is not in main of table " + table);
      }
      for (Record row : rows) {
        if (!Arrays.equals(record.key(), RowRecords.bytes(row.getField(KafkaColumns.KEY)))
            || !Arrays.equals(record.value(), RowRecords.bytes(row.getField(KafkaColumns.VALUE_RAW)))) {
          throw new AssertionError("Row " + at + " of table " + table + " does not hold the key and value produced");
        }
      }
    }
  }

  /**
   * Fails unless main's rows before each partition's offset in {@code before} are exactly the
   * {@code expected} records there: each record's position once, with the key and value produced,
   * and no other row. Rows from those offsets on are not looked at: the broker may have tiered more.
   */
  public void assertHoldsExactlyBefore(Map<TopicPartition, Long> before, List<ProducedRecord> expected) {
    Map<String, ProducedRecord> wanted = assertHoldsPositionsExactlyBefore(before, expected);
    Map<String, Record> held = heldBefore(before);
    wanted.forEach((at, record) -> {
      Record row = held.get(at);
      if (!Arrays.equals(record.value(), RowRecords.bytes(row.getField(KafkaColumns.VALUE_RAW)))) {
        throw new AssertionError("Row " + at + " of table " + table + " does not hold the value produced");
      }
    });
  }

  /**
   * Fails unless main's rows before each partition's offset in {@code before} are at exactly the
   * positions of the {@code expected} records there, each once, with the key produced: for typed
   * values, whose rows hold columns instead of the value's bytes. Returns the expected records by
   * position ({@code partition@offset}).
   */
  public Map<String, ProducedRecord> assertHoldsPositionsExactlyBefore(Map<TopicPartition, Long> before,
      List<ProducedRecord> expected) {
    assertNoPositionTwice();
    Map<String, ProducedRecord> wanted = new TreeMap<>();
    expected.stream().filter(record -> record.offset() < bound(before, record.partition()))
        .forEach(record -> wanted.put(record.partition() + "@" + record.offset(), record));
    Map<String, Record> held = heldBefore(before);
    if (!wanted.keySet().equals(held.keySet())) {
      Set<String> missing = new TreeSet<>(wanted.keySet());
      missing.removeAll(held.keySet());
      Set<String> extra = new TreeSet<>(held.keySet());
      extra.removeAll(wanted.keySet());
      throw new AssertionError(String.format("Main of table %s is not what was expected: missing %s, not expected %s",
          table, missing, extra));
    }
    wanted.forEach((at, record) -> {
      if (!Arrays.equals(record.key(), RowRecords.bytes(held.get(at).getField(KafkaColumns.KEY)))) {
        throw new AssertionError("Row " + at + " of table " + table + " does not hold the key produced");
      }
    });
    return wanted;
  }

  /** The first row at each position before its partition's offset in {@code before}. */
  private Map<String, Record> heldBefore(Map<TopicPartition, Long> before) {
    Map<String, Record> held = new TreeMap<>();
    rowsAt.forEach((partition, byOffset) -> byOffset.headMap(bound(before, partition.partition())).forEach((offset, rows) ->
        held.put(partition.partition() + "@" + offset, rows.get(0))));
    return held;
  }

  private static long bound(Map<TopicPartition, Long> offsets, int partition) {
    return offsets.entrySet().stream().filter(e -> e.getKey().partition() == partition).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("No offset for partition " + partition + ": " + offsets));
  }

  /** Fails if a (partition, offset) is in more than one row, naming each such position and its row count. */
  public void assertNoPositionTwice() {
    Map<String, Integer> repeated = new TreeMap<>();
    rowsAt.forEach((partition, byOffset) -> byOffset.forEach((offset, rows) -> {
      if (rows.size() > 1) {
        repeated.put(partition + "@" + offset, rows.size());
      }
    }));
    if (!repeated.isEmpty()) {
      throw new AssertionError(String.format("%d positions are in main of table %s more than once (position=rows): %s",
          repeated.size(), table, repeated));
    }
  }
}
