package io.floe.writer.pending;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.util.JsonUtil;

/**
 * The JSON of a partition's pending transactions, as its table property holds it. An operator
 * reading the table's properties sees at once how many rows wait ({@code rows}) and for which
 * producers.
 */
final class PendingTransactionsParser {
  private static final String ROWS = "rows";
  private static final String TRANSACTIONS = "transactions";
  private static final String PRODUCER_ID = "producer-id";
  private static final String FILES = "files";
  private static final String SEGMENT_ID = "segment-id";
  private static final String SEGMENT_START = "segment-start";
  private static final String SEGMENT_END = "segment-end";
  private static final String FIRST_OFFSET = "first-offset";
  private static final String LOCATION = "location";
  private static final String SIZE = "size-in-bytes";
  private static final String RECORD_COUNT = "record-count";
  private static final String SPEC_ID = "spec-id";
  private static final String PARTITION = "partition";
  private static final String SUPERSEDED = "superseded";
  private static final String FIRST = "first";
  private static final String LAST = "last";
  private static final String SEGMENT_DELETED = "segment-deleted";

  private PendingTransactionsParser() {}

  static String toJson(PendingTransactions pending) {
    return JsonUtil.generate(generator -> {
      generator.writeStartObject();
      generator.writeNumberField(ROWS, pending.rowCount());
      generator.writeArrayFieldStart(TRANSACTIONS);
      for (PendingTransaction transaction : pending.byProducer().values()) {
        generator.writeStartObject();
        generator.writeNumberField(PRODUCER_ID, transaction.producerId());
        generator.writeArrayFieldStart(FILES);
        for (PendingFile file : transaction.files()) {
          write(file, generator);
        }
        generator.writeEndArray();
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }, false);
  }

  static PendingTransactions fromJson(int partition, String json) {
    return JsonUtil.parse(json, node -> new PendingTransactions(partition,
        JsonUtil.getObjectList(TRANSACTIONS, node, PendingTransactionsParser::transaction).stream()
            .collect(Collectors.toMap(PendingTransaction::producerId, Function.identity()))));
  }

  private static void write(PendingFile file, JsonGenerator generator) throws IOException {
    generator.writeStartObject();
    generator.writeStringField(SEGMENT_ID, file.segmentId());
    generator.writeNumberField(SEGMENT_START, file.segmentStart());
    generator.writeNumberField(SEGMENT_END, file.segmentEnd());
    generator.writeNumberField(FIRST_OFFSET, file.firstOffset());
    generator.writeStringField(LOCATION, file.location());
    generator.writeNumberField(SIZE, file.sizeInBytes());
    generator.writeNumberField(RECORD_COUNT, file.rowCount());
    generator.writeNumberField(SPEC_ID, file.specId());
    generator.writeStringField(PARTITION, file.partitionPath());
    generator.writeArrayFieldStart(SUPERSEDED);
    for (PendingFile.Offsets range : file.superseded()) {
      generator.writeStartObject();
      generator.writeNumberField(FIRST, range.first());
      generator.writeNumberField(LAST, range.last());
      generator.writeEndObject();
    }
    generator.writeEndArray();
    generator.writeBooleanField(SEGMENT_DELETED, file.segmentDeleted());
    generator.writeEndObject();
  }

  private static PendingTransaction transaction(JsonNode node) {
    return new PendingTransaction(JsonUtil.getLong(PRODUCER_ID, node),
        JsonUtil.getObjectList(FILES, node, PendingTransactionsParser::file));
  }

  private static PendingFile file(JsonNode node) {
    List<PendingFile.Offsets> superseded = JsonUtil.getObjectList(SUPERSEDED, node,
        range -> new PendingFile.Offsets(JsonUtil.getLong(FIRST, range), JsonUtil.getLong(LAST, range)));
    long segmentStart = JsonUtil.getLong(SEGMENT_START, node);
    // Written before pending files kept their first offset: their segment's start is where their rows may begin.
    Long firstOffset = JsonUtil.getLongOrNull(FIRST_OFFSET, node);
    return new PendingFile(JsonUtil.getString(SEGMENT_ID, node), segmentStart, JsonUtil.getLong(SEGMENT_END, node),
        firstOffset == null ? segmentStart : firstOffset, JsonUtil.getString(LOCATION, node), JsonUtil.getLong(SIZE, node),
        JsonUtil.getLong(RECORD_COUNT, node), JsonUtil.getInt(SPEC_ID, node), JsonUtil.getString(PARTITION, node),
        superseded, JsonUtil.getBool(SEGMENT_DELETED, node));
  }
}
