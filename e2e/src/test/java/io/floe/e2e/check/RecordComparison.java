package io.floe.e2e.check;

import io.floe.e2e.workload.ProducedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Compares what was consumed with what was produced, record by record in log order and field by
 * field, and names the first difference: its partition, its offset and the field.
 */
final class RecordComparison {
  private static final int SHOWN_BYTES = 48;

  private RecordComparison() {
  }

  /** Both lists in log order: by partition, then offset. */
  static Optional<String> firstDifference(List<ProducedRecord> expected, List<ConsumerRecord<byte[], byte[]>> consumed) {
    for (int i = 0; i < Math.max(expected.size(), consumed.size()); i++) {
      if (i == consumed.size()) {
        ProducedRecord missing = expected.get(i);
        return Optional.of(String.format("partition %d, offset %d: missing; consumed %d of %d records",
            missing.partition(), missing.offset(), consumed.size(), expected.size()));
      }
      ConsumerRecord<byte[], byte[]> actual = consumed.get(i);
      if (i == expected.size()) {
        return Optional.of(String.format("partition %d, offset %d: not produced, or not visible at this isolation level; "
            + "consumed %d records where %d were expected", actual.partition(), actual.offset(), consumed.size(), expected.size()));
      }
      Optional<String> difference = difference(expected.get(i), actual);
      if (difference.isPresent()) {
        return difference;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> difference(ProducedRecord expected, ConsumerRecord<byte[], byte[]> actual) {
    String where = String.format("partition %d, offset %d", expected.partition(), expected.offset());
    if (actual.partition() != expected.partition() || actual.offset() != expected.offset()) {
      return Optional.of(String.format("%s: expected next, but consumed partition %d, offset %d",
          where, actual.partition(), actual.offset()));
    }
    if (actual.timestamp() != expected.timestamp()) {
      return differs(where, "timestamp", expected.timestamp(), actual.timestamp());
    }
    if (actual.timestampType() != expected.timestampType()) {
      return differs(where, "timestamp type", expected.timestampType(), actual.timestampType());
    }
    if (!Arrays.equals(actual.key(), expected.key())) {
      return differs(where, "key", bytes(expected.key()), bytes(actual.key()));
    }
    if (!Arrays.equals(actual.value(), expected.value())) {
      return differs(where, "value", bytes(expected.value()), bytes(actual.value()));
    }
    Header[] headers = actual.headers().toArray();
    if (headers.length != expected.headers().size()) {
      return differs(where, "header count", expected.headers().size(), headers.length);
    }
    for (int h = 0; h < headers.length; h++) {
      Header wanted = expected.headers().get(h);
      if (!Objects.equals(headers[h].key(), wanted.key())) {
        return differs(where, "header " + h + " key", wanted.key(), headers[h].key());
      }
      if (!Arrays.equals(headers[h].value(), wanted.value())) {
        return differs(where, "header " + h + " (" + wanted.key() + ") value", bytes(wanted.value()), bytes(headers[h].value()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> differs(String where, String field, Object expected, Object actual) {
    return Optional.of(String.format("%s, %s: expected %s but was %s", where, field, expected, actual));
  }

  /** Null, or the length and the content: as text where it is UTF-8 text, else in hex. */
  private static String bytes(byte[] value) {
    if (value == null) {
      return "null";
    }
    byte[] shown = Arrays.copyOf(value, Math.min(value.length, SHOWN_BYTES));
    String more = value.length > SHOWN_BYTES ? "…" : "";
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(shown)).toString();
      if (text.chars().noneMatch(Character::isISOControl)) {
        return String.format("%d bytes \"%s%s\"", value.length, text, more);
      }
    } catch (CharacterCodingException notText) {
      // shown in hex below
    }
    return String.format("%d bytes 0x%s%s", value.length, HexFormat.of().formatHex(shown), more);
  }
}
